/* Material's search worker, loaded when the reader first searches instead of with every page.

   `edition postbuild --lazy-search` (the edition plugin's lazy_search option) points Material at this worker (the `search` URL of #__config)
   and leaves at search/search_index.json only the index's `config` (what search.highlight needs on
   the page), the documents moving to search/search_index.full.json. Material sends this worker its
   setup message, then one query per change of the search box. This worker answers the setup at
   once and the empty query with no results; at the first real query it fetches the full index,
   loads Material's own worker (?worker=, same folder) into itself, hands it the setup with the full
   documents, and, when that worker is ready, the latest query. From then on Material's worker
   answers everything itself.

   It speaks Material's worker protocol (9.8.2: 0 setup, 1 ready, 2 query, 3 result): compare with
   the theme's src/templates/assets/javascripts/integrations/search/worker when upgrading. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var params = new URL(self.location.href).searchParams;
  var workerURL = new URL(params.get("worker"), self.location.href).href;
  var indexURL = new URL(params.get("index"), self.location.href).href;
  var send = self.postMessage.bind(self);
  var options = {}, latest = null, loading = false;

  function load() {
    loading = true;
    fetch(indexURL, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + indexURL);
        return response.json();
      })
      .then(function (index) {
        self.removeEventListener("message", answer);
        // Material's worker says it is ready once the index is built: send the query instead.
        self.postMessage = function (message) {
          if (message && message.type === READY) {
            self.postMessage = send;
            if (latest) self.dispatchEvent(new MessageEvent("message", { data: latest }));
            return;
          }
          send(message);
        };
        self.importScripts(workerURL);
        self.dispatchEvent(new MessageEvent("message", { data: {
          type: SETUP, data: { config: index.config, docs: index.docs, options: options }
        } }));
      })
      .catch(function (error) {
        console.warn("Search: the index could not be loaded", error);
        loading = false; // the next query tries again
        send({ type: RESULT, data: { items: [] } });
      });
  }

  function answer(event) {
    var message = event.data;
    if (message.type === SETUP) {
      options = message.data.options || {};
      send({ type: READY });
    } else if (message.type === QUERY) {
      if (!String(message.data).trim()) {
        send({ type: RESULT, data: { items: [] } }); // what Material's worker answers too
        return;
      }
      latest = message;
      if (!loading) load();
    }
  }

  self.addEventListener("message", answer);
})();
