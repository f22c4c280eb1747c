"""The edition's MkDocs plugin (`plugins: [edition]` in mkdocs.yml): config.py, plugin.py."""
