"""What the site's stylesheets do to the brief's text, read without a browser (edition.proof).

The static proof (`edition fidelity --site`, run by every build) reads every stylesheet a page
ships: its inline <style>s and every <link rel=stylesheet> under the site (Material's own, and
extra_css however it is delivered), print rules aside. Each rule whose selector matches an element
of the brief (type, #id, .class, [attribute], combinators, structural and :not/:is/:where
pseudo-classes; a state such as :hover or :target counts as absent, so :not(:hover) matches) and
whose declarations hide or change the text (display:none, also through var(); visibility;
content-visibility; opacity 0; font-size 0; a transparent colour; clip-path; clip; text-transform;
direction:rtl and bidi overrides; line-through; a large negative text-indent or offset; a zero
height with overflow hidden; generated ::before/::after content; a hidden or changed
::first-letter/::first-line) makes that element's text a fault, named with the stylesheet and
rule. Elements the browser itself hides or changes (<dialog>, <datalist>, <rp>, <bdo>, <q>,
drawn elements such as <img>) are named too. What needs layout (overlays, clipping by an ancestor's
box, :has(), contrast with the background) is left to the rendered proof (edition.browserproof).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from edition import cssread

STATE = {"hover", "focus", "focus-visible", "focus-within", "active", "visited", "target", "target-within",
         "checked", "indeterminate", "placeholder-shown", "autofill", "fullscreen", "modal", "popover-open",
         "default", "invalid", "valid", "user-invalid", "user-valid", "required", "optional", "disabled",
         "enabled", "read-only", "read-write", "playing", "paused", "open", "closed", "in-range",
         "out-of-range", "blank", "current", "past", "future", "picture-in-picture", "lang", "dir", "has",
         "host", "host-context", "state", "local-link", "scope"}
PSEUDO_ELEMENTS = {"before", "after", "first-letter", "first-line"}
# The elements the browser hides or changes by itself (its own stylesheet), and what it does.
BROWSER = {"dialog": "hidden by the browser (<dialog> not open)", "datalist": "hidden by the browser (<datalist>)",
           "rp": "hidden by the browser (<rp>)", "bdo": "reordered (<bdo>)",
           "q": "supplemented with quotation marks the browser adds (<q>)"}
DRAWN = {"img", "svg", "canvas", "video", "audio", "iframe", "object", "embed", "picture", "input",
         "textarea", "select", "button", "meter", "progress", "math"}

SIMPLE_RE = re.compile(
    r"(?P<tag>\*|[a-zA-Z][\w-]*)|#(?P<id>-?[_a-zA-Z][\w-]*)|\.(?P<cls>-?[_a-zA-Z][\w-]*)"
    r"|\[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?P<val>\"[^\"]*\"|'[^']*'|[^\]\s]+)\s*(?:[iIsS]\s*)?)?\]"
    r"|(?P<colons>::?)(?P<pseudo>[\w-]+)(?P<arg>\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))?")
COMBINATOR_RE = re.compile(r"\s*([>+~])\s*|\s+")


@dataclass
class Compound:
    tag: str = ""
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str, str]] = field(default_factory=list)
    pseudos: list[tuple[str, str]] = field(default_factory=list)  # (name, argument)


@dataclass
class Selector:
    text: str
    parts: list[tuple[str, Compound]]  # (combinator before it, compound); the first has ""
    pseudo_element: str = ""


def parse_selector(text: str) -> Selector | None:
    """One complex selector, or None if it uses syntax this reader does not model."""
    parts: list[tuple[str, Compound]] = []
    pos, combinator, current, pseudo_element = 0, "", None, ""
    text = text.strip()
    while pos < len(text):
        m = COMBINATOR_RE.match(text, pos)
        if m and m.end() > pos:
            if current is None:
                return None
            parts.append((combinator, current))
            combinator, current = (m.group(1) or " "), None
            pos = m.end()
            continue
        m = SIMPLE_RE.match(text, pos)
        if not m or pseudo_element:
            return None
        current = current or Compound()
        if m["tag"]:
            current.tag = m["tag"].lower() if m["tag"] != "*" else ""
        elif m["id"]:
            current.ids.append(m["id"])
        elif m["cls"]:
            current.classes.append(m["cls"])
        elif m["attr"]:
            val = m["val"] or ""
            current.attrs.append((m["attr"].lower(), m["op"] or "", val[1:-1] if val[:1] in "\"'" else val))
        else:
            name = m["pseudo"].lower()
            if m["colons"] == "::" or name in PSEUDO_ELEMENTS:
                if name not in PSEUDO_ELEMENTS:
                    return None  # ::marker, ::selection, ::-webkit-…: not the text itself
                pseudo_element = name
            else:
                current.pseudos.append((name, (m["arg"] or "")[1:-1]))
        pos = m.end()
    if current is None:
        return None
    parts.append((combinator, current))
    return Selector(text, parts, pseudo_element)


def split_list(text: str) -> list[str]:
    """A selector list split at its top-level commas."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _siblings(node) -> list:
    return [c for c in node.parent.children if not isinstance(c, str)] if node.parent is not None else [node]


def _nth(arg: str, index: int) -> bool:
    """:nth-child(an+b) for index (1-based)."""
    arg = arg.replace(" ", "").lower().split("of")[0]
    if arg == "odd":
        return index % 2 == 1
    if arg == "even":
        return index % 2 == 0
    m = re.fullmatch(r"([+-]?\d*)n([+-]\d+)?|([+-]?\d+)", arg)
    if not m:
        return False
    if m.group(3):
        return index == int(m.group(3))
    a = int(m.group(1) + "1" if m.group(1) in ("", "+", "-") else m.group(1))
    b = int(m.group(2) or 0)
    return (index - b) % a == 0 and (index - b) // a >= 0 if a else index == b


def _pseudo_class(node, name: str, arg: str) -> bool:
    if name in ("not", "is", "where", "matches", "-webkit-any"):
        hit = any(matches(node, s) for s in (parse_selector(t) for t in split_list(arg)) if s is not None)
        return not hit if name == "not" else hit
    if name in STATE:
        return False
    sibs = _siblings(node)
    same = [s for s in sibs if s.tag == node.tag]
    return {
        "root": node.tag == "html",
        "first-child": sibs[0] is node, "last-child": sibs[-1] is node, "only-child": len(sibs) == 1,
        "first-of-type": same[0] is node, "last-of-type": same[-1] is node, "only-of-type": len(same) == 1,
        "empty": not node.children,
        "nth-child": name == "nth-child" and _nth(arg, sibs.index(node) + 1),
        "nth-last-child": name == "nth-last-child" and _nth(arg, len(sibs) - sibs.index(node)),
        "nth-of-type": name == "nth-of-type" and _nth(arg, same.index(node) + 1),
        "nth-last-of-type": name == "nth-last-of-type" and _nth(arg, len(same) - same.index(node)),
        "link": node.tag == "a" and "href" in node.attrs, "any-link": node.tag == "a" and "href" in node.attrs,
        "defined": True,
    }.get(name, False)


def _attr(node, name: str, op: str, val: str) -> bool:
    if name not in node.attrs:
        return False
    have = node.attrs[name]
    return {"": True, "=": have == val, "~=": val in have.split(), "|=": have == val or have.startswith(val + "-"),
            "^=": bool(val) and have.startswith(val), "$=": bool(val) and have.endswith(val),
            "*=": bool(val) and val in have}[op]


def _compound(node, c: Compound) -> bool:
    if node is None or node.tag.startswith("#"):
        return False
    return ((not c.tag or node.tag == c.tag) and all(node.attrs.get("id") == i for i in c.ids)
            and all(k in node.classes for k in c.classes) and all(_attr(node, *a) for a in c.attrs)
            and all(_pseudo_class(node, n, a) for n, a in c.pseudos))


def matches(node, sel: Selector, last: int | None = None) -> bool:
    """Does `sel` (its parts up to `last`) match `node`? Right to left, as browsers do."""
    k = len(sel.parts) - 1 if last is None else last
    combinator, compound = sel.parts[k]
    if not _compound(node, compound):
        return False
    if k == 0:
        return True
    if combinator == ">":
        return node.parent is not None and matches(node.parent, sel, k - 1)
    if combinator == " ":
        p = node.parent
        while p is not None:
            if matches(p, sel, k - 1):
                return True
            p = p.parent
        return False
    sibs = _siblings(node)
    before = sibs[:sibs.index(node)]
    if combinator == "+":
        return bool(before) and matches(before[-1], sel, k - 1)
    return any(matches(s, sel, k - 1) for s in before)


@dataclass
class Rule:
    where: str
    selector: Selector
    decls: dict[str, str]


# At-rules that hold style rules (read inside, print media aside); the others (@font-face,
# @keyframes, @page, @property…) give no element its style.
GROUPING = ("@media", "@supports", "@layer", "@container", "@scope", "@document")


def _blocks(css: str, where: str):
    """(prelude, body) of each style rule, at-rules' own rules included (print ones left out)."""
    for prelude, body in cssread.statements(css, where):
        if body is None:
            continue  # @import, @charset…
        if prelude.startswith("@"):
            name = prelude.split()[0].lower()
            if name in GROUPING:
                query = prelude[len(name):].strip().lower()
                if name == "@media" and re.fullmatch(r"(only\s+)?print", query):
                    continue
                yield from _blocks(body, where)
            continue
        yield prelude, body


def parse_css(css: str, where: str) -> list[Rule]:
    """The style rules of `css` (edition.cssread), one per selector of each rule's list."""
    return list(_parse_css(css, where))


@functools.lru_cache(maxsize=16)
def _parse_css(css: str, where: str) -> tuple[Rule, ...]:
    """parse_css, kept for the same text: a page's stylesheets are read at every build and rebuild
    (the theme's, unchanged, and the edition's) and by each of the proof's checks; no reader of a
    Rule changes it."""
    rules = []
    for prelude, body in _blocks(cssread.COMMENT_RE.sub("", css), where):
        decls = cssread.declarations(body)
        for text in split_list(prelude):
            sel = parse_selector(text)
            if sel is not None:
                rules.append(Rule(where, sel, decls))
    return tuple(rules)


TRANSPARENT_RE = re.compile(r"^(transparent|rgba?\([^)]*[,/]\s*0(\.0+)?%?\s*\)|hsla?\([^)]*[,/]\s*0(\.0+)?%?\s*\)"
                            r"|#[0-9a-f]{3}0|#[0-9a-f]{6}00)$", re.I)
ZERO_RE = re.compile(r"^[+-]?0*(\.0+)?(px|em|rem|pt|%|vw|vh|ex|ch)?$")


def _number(value: str) -> float | None:
    m = re.match(r"^([+-]?\d*\.?\d+)", value)
    return float(m.group(1)) if m else None


def effects(decls: dict[str, str], pseudo: str, variables: dict[str, set[str]]) -> list[str]:
    """What a rule's declarations do to the text of the element it matches (or its ::pseudo)."""

    def values(prop: str) -> set[str]:
        value = decls.get(prop)
        if value is None:
            return set()
        out = {value}
        for _ in range(5):  # var() resolved through every value the property is given anywhere
            nxt = set()
            for v in out:
                m = re.search(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)", v)
                if not m:
                    nxt.add(v)
                    continue
                for sub in variables.get(m.group(1), set()) | ({m.group(2)} if m.group(2) else set()):
                    nxt.add(v[:m.start()] + sub + v[m.end():])
            out = nxt
        return {v.strip().lower() for v in out}

    found = []
    if pseudo in ("before", "after"):
        for v in values("content"):
            if v not in ("none", "normal", '""', "''") and values("display") != {"none"}:
                found.append(f"supplemented by generated content (::{pseudo} {{content: {v}}})")
        return found
    checks = [
        ("display", lambda v: v == "none", "hidden"),
        ("visibility", lambda v: v in ("hidden", "collapse"), "hidden"),
        ("content-visibility", lambda v: v == "hidden", "hidden"),
        ("opacity", lambda v: (_number(v) is not None and _number(v) / (100 if v.endswith("%") else 1) <= 0.1), "transparent"),
        ("font-size", lambda v: bool(ZERO_RE.match(v)), "zero-sized"),
        ("color", lambda v: bool(TRANSPARENT_RE.match(v)), "transparent"),
        ("-webkit-text-fill-color", lambda v: bool(TRANSPARENT_RE.match(v)), "transparent"),
        ("text-transform", lambda v: v not in ("none", "initial", "inherit", "unset"), "case-changed"),
        ("text-decoration", lambda v: "line-through" in v, "struck through"),
        ("text-decoration-line", lambda v: "line-through" in v, "struck through"),
    ]
    if not pseudo:
        checks += [
            ("clip-path", lambda v: v not in ("none", "initial", "unset"), "clipped"),
            ("clip", lambda v: v.startswith("rect"), "clipped"),
            ("direction", lambda v: v == "rtl", "reordered"),
            ("unicode-bidi", lambda v: "override" in v or v == "plaintext", "reordered"),
            ("text-indent", lambda v: (_number(v) or 0) <= -100, "off the page"),
            ("left", lambda v: (_number(v) or 0) <= -500, "off the page"),
            ("top", lambda v: (_number(v) or 0) <= -500, "off the page"),
        ]
    for prop, test, what in checks:
        for v in values(prop):
            if test(v):
                found.append(f"{what} ({prop}: {v})")
    if not pseudo and values("overflow") & {"hidden", "clip"} and any(
            ZERO_RE.match(v) for p in ("height", "max-height") for v in values(p)):
        found.append("clipped (a zero height with overflow hidden)")
    if pseudo:
        found = [f"with its {pseudo.replace('-', ' ')} {f}" for f in found]
    return found


class StyleSheets:
    """Every stylesheet a page ships, as rules indexed by what their subject names."""

    def __init__(self, sheets: list[tuple[str, str]], allowed_generated: set[str] = frozenset()):
        self.rules: list[Rule] = []
        for where, css in sheets:
            self.rules += parse_css(css, where)
        self.variables: dict[str, set[str]] = {}
        for rule in self.rules:
            for prop, value in rule.decls.items():
                if prop.startswith("--"):
                    self.variables.setdefault(prop, set()).add(value)
        self.allowed = allowed_generated
        self.by_key: dict[str, list[tuple[Rule, list[str]]]] = {}
        for rule in self.rules:
            found = effects(rule.decls, rule.selector.pseudo_element, self.variables)
            if not found:
                continue
            subject = rule.selector.parts[-1][1]
            key = (f"#{subject.ids[0]}" if subject.ids else f".{subject.classes[0]}" if subject.classes
                   else subject.tag or "*")
            self.by_key.setdefault(key, []).append((rule, found))

    def why(self, node) -> str:
        """What hides or changes `node`'s text, naming the stylesheet and the rule; '' if nothing."""
        if node.tag in BROWSER and not (node.tag == "dialog" and "open" in node.attrs):
            return BROWSER[node.tag]
        if node.tag in DRAWN:
            return f"an element that draws instead of text (<{node.tag}>)"
        keys = ["*", node.tag] + [f".{c}" for c in node.classes]
        if node.attrs.get("id"):
            keys.append(f"#{node.attrs['id']}")
        for key in keys:
            for rule, found in self.by_key.get(key, []):
                if rule.selector.pseudo_element in ("before", "after") and self._allowed(node, rule):
                    continue
                if matches(node, rule.selector):
                    return f"{found[0]}, by the rule “{rule.selector.text}” of {rule.where}"
        return ""

    def _allowed(self, node, rule: Rule) -> bool:
        content = rule.decls.get("content", "").strip()
        text = content[1:-1].strip() if content[:1] in "\"'" and content[-1:] == content[:1] else None
        return text is not None and f"{node.tag}.{'.'.join(sorted(node.classes))}::{rule.selector.pseudo_element}={text}" in self.allowed


def page_stylesheets(root, page: Path | None, site: Path | None) -> list[tuple[str, str]]:
    """(where, css) of every stylesheet of a page: inline <style>s and linked files under `site`."""
    sheets = []
    for n in root.iter():
        if n.tag == "style" and "print" not in n.attrs.get("media", "").lower().replace("screen", ""):
            sheets.append(("an inline <style> of the page", n.text()))
        elif n.tag == "link" and "stylesheet" in n.attrs.get("rel", "").lower().split() and page is not None \
                and site is not None and n.attrs.get("media", "").strip().lower() != "print":
            href = n.attrs.get("href", "").split("?")[0].split("#")[0]
            if not href or re.match(r"^[a-z]+:|^//", href, re.I):
                continue
            path = (page.parent / href).resolve() if not href.startswith("/") else None
            if path is not None and path.is_file() and site.resolve() in path.parents:
                sheets.append((path.relative_to(site.resolve()).as_posix(), path.read_text(encoding="utf-8")))
    return sheets
