// errorspec's search worker for Material for MkDocs' search box. It speaks the message protocol
// of Material's own worker (SETUP -> READY, QUERY -> RESULT), so the theme's search UI is kept.
// Why not lunr: a code is a key, found by lookup before any text is scanned; and words are
// matched as substrings of the text, so a Chinese query needs no segmentation (不合法 finds
// 请求参数不合法, which word segmentation indexes as 不|合法 and then misses).
//
// A query is whatever a developer pastes: a code, a log line, an error object, a constant's
// name, a message with its placeholders filled in. It is read as errorspec's command line reads
// it (src/errorspec/spec/pasted.py, the reference: the same steps, from the same rules, which
// errorspec writes into SETTINGS), and the codes it holds come first, each saying why; then a
// number given as a code that is none, with what the spec knows of its range and the codes
// nearest it; then the codes and pages whose text holds the query's words, in the site's
// language first, then in another language's text (and saying so).
//
// Material's index (sent with SETUP) holds the pages written by hand, in whatever language.
// Each language has a copy of this worker in its search folder, beside what it loads itself, off
// the page's thread: for an exact code, the small file named by its first characters in
// errorspec-codes/ answers at once; errorspec-index.js, an entry per generated page and per
// code, answers everything else once it has arrived. Codes stay text throughout: a number would
// lose the last digits of a long one (BigInt where numbers are compared).
//
// RESULT's data is {items, total, query}: the matches, best first, `total` their number, `query`
// the query answered (Material reads only `items`; errorspec's lookup.js uses all three). Past
// LIMIT matches, the last item says how many more there are, and to refine the search: nothing is
// cut silently. Each item has, beside Material's fields, `errorspec`: {reason, note, more}, plain
// text for lookup.js (Material shows the same in the item's title).
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

// Written by errorspec for each site and language (site.py, search_files): how many leading
// characters of a code name its code file ("all" for none), the rules for reading pasted text
// and the most digits a code has, the permanent-URL page, the platforms' code ranges and the
// texts results say.
const SETTINGS = {} /* errorspec:settings */
const RULES = SETTINGS.rules
const TEXTS = SETTINGS.texts
const NUMBER = new RegExp(RULES.number, "gu")
const KEY = new RegExp(RULES.key, "u")
const IDENTIFIER = new RegExp(RULES.identifier, "gu")
const PLACEHOLDER = new RegExp(RULES.placeholder, "u")
const TRAILING = new RegExp(RULES.trailing, "u")
// Results sent. Material shows 10, then 4 more each time the reader scrolls to the end; building
// and sending all 25,000 matches of a one-letter query took 220 to 530 ms in Chromium, these 500
// 10 to 40 ms.
const LIMIT = 500
// At most this many code files are read for one query before the entries have arrived.
const EARLY_FILES = 8

let pages = null        // Material's entries, once SETUP has come
let entries = null      // errorspec's: a page's or a code's, once errorspec-index.js has loaded
let docs = null         // both, searchable
let catalogue = null    // the codes of errorspec's entries, indexed for reading pasted text
let pending = null      // a query that came before the entries it needs
let base = null         // the URL this script was loaded from
let loading = null      // the entries on their way, once asked for

// The entries are megabytes in a large catalogue: fetched and read while the page loaded, they
// slowed its showing (25,000 codes on two cores: by a third). They are fetched for the first
// query, or once the page has had this long to show.
const ENTRIES_AFTER_MS = 1000

function normalise(text) {
  return text.normalize("NFKC").toLowerCase()
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

// A text of TEXTS with its {names} filled in.
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => Object.hasOwn(values, name) ? String(values[name]) : all)
}

// A code as text, as Python writes the number: "007" and "7" are one code, "-0" is "0".
function canonical(digits) {
  return BigInt(digits).toString()
}

// How many characters Python counts in a text: code points (a pair of surrogates is one).
function characters(text) {
  return /[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length
}

// A page's entry, Material's or errorspec's, found by its words; a code's entry also has its
// names in the SDKs, which its title shows after the message, and the descriptions of the other
// languages.
function prepare(location, title, text, fallback, names = [], other = {}) {
  const shown = names.length ? `${title} · ${names.join(" · ")}` : title
  return {
    location, title: shown, text,
    code: null,
    message: "",
    names: names.map(normalise),
    other: Object.entries(other).map(([lang, said]) => ({ lang, text: said, key: normalise(said) })),
    fallback: Boolean(fallback),
    titleKey: normalise(shown),
    textKey: normalise(text)
  }
}

// An entry of errorspec's index: a code's has the row's id in its location, and the title
// `${code} ${message}`, as site.py writes it.
function fromIndex(location, title, text, fallback, names, other) {
  const doc = prepare(location, title, text, fallback, names, other)
  const code = location.includes("#") && /^(-?\d+)(?: |$)/.exec(title)
  if (code) {
    doc.code = code[1]
    doc.message = title.slice(code[1].length + 1)
  }
  return doc
}

// A message as pasted.py's message_pattern compiles it (its placeholders match any text). The
// pattern itself is compiled, and tried, only for a text that holds each of the message's words,
// longest first: pasted.py asks this of the longest word only, which gives the same matches (the
// pattern has every word in it), but a log of many lines holds the longest words of thousands of
// messages.
function messagePattern(message) {
  const text = normalise(message).trim().replace(TRAILING, "")
  const pieces = text.split(PLACEHOLDER)
  const chars = pieces.reduce((sum, piece) => sum + characters(piece.replace(/\s+/gu, "")), 0)
  if (chars < RULES.messageChars)
    return null
  const words = pieces.map(piece => piece.split(/\s+/u).filter(Boolean))
  const body = words.map(piece => piece.map(escapeRegExp).join("\\s*")).join("(.+?)")
  const own = pieces.join("")  // a placeholder at either end needs no boundary there
  const start = /^[a-z0-9]/.test(own) ? "(?<![a-z0-9])" : ""
  const end = /[a-z0-9]$/.test(own) ? "(?![a-z0-9])" : ""
  const longest = [...new Set(words.flat())].map(word => [characters(word), word]).sort(([a], [b]) => b - a)
  return { source: start + body + end, words: longest.map(([, word]) => word), chars, pattern: null }
}

function indexCatalogue(coded) {
  const byCode = new Map(), byName = new Map(), byMessage = new Map()
  const add = (map, key, doc) => map.has(key) ? map.get(key).push(doc) : map.set(key, [doc])
  coded.forEach((doc, order) => {
    doc.order = order
    doc.messageChars = 0
    add(byCode, doc.code, doc)
    for (const name of doc.names)
      add(byName, name, doc)
    if (doc.message)
      add(byMessage, doc.message, doc)
  })
  const messages = new Map()  // a message's longest word -> the messages, each looked for once per text
  for (const [message, held] of byMessage) {
    const compiled = messagePattern(message)
    if (compiled === null)
      continue
    add(messages, compiled.words[0], { ...compiled, docs: held })
    for (const doc of held)
      doc.messageChars = compiled.chars
  }
  const codes = [...byCode.keys()].map(code => BigInt(code)).sort((a, b) => a < b ? -1 : a > b ? 1 : 0)
  return { byCode, byName, messages, codes }
}

function combine() {
  if (pages === null || entries === null)
    return
  docs = [...pages, ...entries]
  catalogue = indexCatalogue(entries.filter(doc => doc.code !== null))
  if (pending !== null)
    respond(pending)
  pending = null
}

// Under file://, iframe-worker runs this script in an iframe: the page's script element gives
// the base URL, and importScripts returns a promise.
function here() {
  const script = typeof document !== "undefined" && document.querySelector("script[src]")
  return script ? script.src : self.location.href
}

async function loadEntries() {
  // The entries are large: fetched, so that queries keep being answered while they arrive
  // (importScripts would hold the worker); from the file system only importScripts can read.
  const index = new URL("errorspec-index.js", base)
  try {
    let loaded
    if (index.protocol === "file:") {
      await importScripts(index.href)
      loaded = self.__errorspec_index
    } else {
      const text = await (await fetch(index)).text()
      loaded = JSON.parse(text.slice(text.indexOf("=") + 1))
    }
    entries = loaded.map(entry => fromIndex(...entry))
  } catch (error) {
    entries = []
  }
  combine()
}

// Before the entries have arrived: the codes a query gives by number (a code, or a log line
// holding one), from the small files of their prefixes, read as `read` reads numbers. Names and
// messages wait for the entries, whose answer then replaces this one.
async function fromCodeFiles(query) {
  const folded = normalise(query.slice(0, RULES.longest))
  const whole = folded.trim()
  const evidence = new Map()  // a row's location -> {doc, reasons, score, first}
  const prefixes = new Set()
  for (const number of folded.matchAll(NUMBER)) {
    const digits = number[0]
    const length = digits.replace(/^-/, "").length
    const keyed = whole === digits ||
      KEY.test(folded.slice(Math.max(0, number.index - RULES.keyWindow), number.index))
    if (length > RULES.maxCodeDigits || !(keyed || length >= RULES.bareDigits))
      continue
    const code = canonical(digits)
    const prefix = code.slice(0, SETTINGS.codePrefix) || "all"
    if (!prefixes.has(prefix) && prefixes.size >= EARLY_FILES)
      continue  // a long log: the entries will answer it
    prefixes.add(prefix)
    for (const doc of await codeFile(prefix, code)) {
      const reason = keyed ? "code" : "number"
      const known = evidence.get(doc.location)
      if (!known)
        evidence.set(doc.location, { doc, reasons: [[reason, digits]], score: RULES.scores[reason], first: number.index })
      else if (RULES.scores[reason] > known.score)
        Object.assign(known, { reasons: [[reason, digits]], score: RULES.scores[reason] })
    }
  }
  if (!evidence.size)
    return null
  const matches = [...evidence.values()].sort((a, b) => b.score - a.score || a.first - b.first)
  return ranked(matches.map(match => () => matched(match)))
}

// The rows of `code` in the file of its prefix, as entries; none where no code starts so.
async function codeFile(prefix, code) {
  try {
    if (!(self.__errorspec_codes && prefix in self.__errorspec_codes))
      await importScripts(new URL(`errorspec-codes/${encodeURIComponent(prefix)}.js`, base).href)
  } catch (error) {
    return []  // no such file: no code starts so
  }
  const shard = self.__errorspec_codes && self.__errorspec_codes[prefix]
  const found = shard && Object.hasOwn(shard.codes, code) ? shard.codes[code] : null
  if (!Array.isArray(found))
    return []
  // A row's id is its code, or `<platform>-<code>` (the third item) where its page has the code twice.
  return found.map(([index, message, anchor]) => {
    const [page, title] = shard.platforms[index]
    return fromIndex(`${page}#${anchor || code}`, `${code} ${message}`, title, false)
  })
}

// --- reading a pasted text (pasted.py's Catalogue.read) -----------------------------------------

function read(text) {
  const folded = normalise(text)
  const evidence = new Map()  // doc -> reason -> [where in the text, the text that showed it]
  const found = (held, reason, at, shown) => {
    for (const doc of held) {
      if (!evidence.has(doc))
        evidence.set(doc, new Map())
      const reasons = evidence.get(doc)
      if (!reasons.has(reason) || at < reasons.get(reason)[0])
        reasons.set(reason, [at, shown])
    }
  }
  const given = new Set()  // numbers meant as codes (keyed, or all the text is) that are none
  const whole = folded.trim()
  for (const number of folded.matchAll(NUMBER)) {
    const digits = number[0]
    if (digits.replace(/^-/, "").length > RULES.maxCodeDigits)
      continue  // no code is so long
    const value = canonical(digits)
    const keyed = KEY.test(folded.slice(Math.max(0, number.index - RULES.keyWindow), number.index))
    const alone = whole === digits
    const held = catalogue.byCode.get(value)
    if (held) {
      if (keyed || alone)
        found(held, "code", number.index, digits)
      else if (digits.replace(/^-/, "").length >= RULES.bareDigits)
        found(held, "number", number.index, digits)
    } else if (keyed || alone) {
      given.add(value)
    }
  }
  for (const name of folded.matchAll(IDENTIFIER))
    found(catalogue.byName.get(name[0]) || [], "constant", name.index, asPasted(text, folded, name))
  for (const [longest, messages] of catalogue.messages) {
    if (!folded.includes(longest))
      continue
    for (const message of messages) {
      if (!message.words.every(word => folded.includes(word)))
        continue
      message.pattern = message.pattern || new RegExp(message.source, "u")
      const match = message.pattern.exec(folded)
      if (match)
        found(message.docs, "message", match.index, match[0])
    }
  }

  const matches = [...evidence].map(([doc, reasons]) => {
    const ordered = [...reasons].sort(([a], [b]) => weight(b, doc) - weight(a, doc))
    return {
      doc,
      reasons: ordered.map(([reason, [, shown]]) => [reason, shown]),
      score: ordered.reduce((sum, [reason]) => sum + weight(reason, doc), 0),
      first: Math.min(...[...reasons.values()].map(([at]) => at))
    }
  })
  matches.sort((a, b) => b.score - a.score || a.first - b.first || a.doc.order - b.doc.order)
  return { matches, notCodes: [...given].map(notACode) }
}

function weight(reason, doc) {
  const scores = RULES.scores
  return reason === "message" ? scores.message + Math.floor(Math.min(doc.messageChars, 40) / 2) : scores[reason]
}

// The name as it was pasted, where folding kept the text's length (it does for names).
function asPasted(text, folded, match) {
  const end = match.index + match[0].length
  if (text.length >= folded.length && normalise(text.slice(match.index, end)) === match[0])
    return text.slice(match.index, end)
  return match[0]
}

// A number given as a code that no platform has: the ranges its digits start with, and the
// codes nearest it (the lower of two as near), in ascending order.
function notACode(value) {
  const digits = value.replace(/^-/, "")
  const number = BigInt(value)
  const codes = catalogue.codes
  let above = 0
  for (let high = codes.length; above < high;) {
    const middle = (above + high) >> 1
    if (codes[middle] < number)
      above = middle + 1
    else
      high = middle
  }
  let below = above - 1
  const nearest = []
  while (nearest.length < RULES.nearest && (below >= 0 || above < codes.length)) {
    if (above < codes.length && (below < 0 || codes[above] - number < number - codes[below]))
      nearest.push(codes[above++])
    else
      nearest.push(codes[below--])
  }
  nearest.sort((a, b) => a < b ? -1 : a > b ? 1 : 0)
  return {
    value,
    ranges: SETTINGS.ranges.filter(([, prefix]) => digits.startsWith(prefix)),
    nearest: nearest.map(code => catalogue.byCode.get(code.toString()))
  }
}

// --- words --------------------------------------------------------------------------------------

// How well a document holds every term: in its title, its text, or only in another language's
// text (`elsewhere`: the language); null where a term is in none of them.
function score(doc, terms) {
  let total = 0, elsewhere = null
  for (const term of terms) {
    const inTitle = doc.titleKey.indexOf(term)
    if (inTitle >= 0) {
      total += inTitle === 0 ? 8 : 4
    } else if (doc.textKey.includes(term)) {
      total += 1
    } else {
      const other = doc.other.find(said => said.key.includes(term))
      if (!other)
        return null
      total += 1
      elsewhere = elsewhere || other.lang
    }
  }
  // Text in the site's language ranks before text shown in another language.
  return { value: doc.fallback ? total : total + 0.5, elsewhere }
}

function byWords(terms, shown) {
  const here = [], elsewhere = []
  for (const doc of docs) {
    if (shown.has(doc))
      continue
    const found = score(doc, terms)
    if (found === null)
      continue
    const value = doc.code !== null && doc.code.startsWith(terms[0]) ? found.value + 100 : found.value
    ;(found.elsewhere ? elsewhere : here).push({ doc, value, elsewhere: found.elsewhere })
  }
  const best = (a, b) => b.value - a.value
  return [...here.sort(best), ...elsewhere.sort(best)]
}

// --- results ------------------------------------------------------------------------------------

function highlight(text, pattern) {
  if (pattern === null)
    return escapeHtml(text)
  let html = "", last = 0
  for (const match of text.matchAll(pattern)) {
    html += escapeHtml(text.slice(last, match.index)) + `<mark>${escapeHtml(match[0])}</mark>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(text.slice(last))
}

function pattern(words) {
  const unique = [...new Set(words.filter(Boolean))]
  return unique.length ? new RegExp(unique.map(escapeRegExp).join("|"), "giu") : null
}

// A line under a result's title: Material shows a result's text only under a page's heading, and
// a code stands alone, so its lines go into its title.
function line(html, note, extra = "") {
  return `<span class="errorspec-teaser" data-errorspec-note="${note}"${extra}>${html}</span>`
}

// A result as Material renders it. A code's result carries no terms: with search.highlight,
// Material would mark them all over the page the reader lands on, and the row is marked already.
function result(doc, marks, { lines = [], reason = null, note = "", terms = [] } = {}) {
  const text = highlight(doc.text, marks)
  const code = doc.location.includes("#")
  return {
    location: doc.location,
    title: code ? highlight(doc.title, marks) + lines.join("") + (text ? line(text, "text") : "") : highlight(doc.title, marks),
    text,
    terms: code ? {} : Object.fromEntries(terms.map(term => [term, true])),
    errorspec: { reason, note }
  }
}

function matched({ doc, reasons }) {
  const said = reasons.map(([reason, shown]) => fill(TEXTS.reasons[reason], { text: shown }))
  const note = fill(TEXTS.matched, { reasons: said.join(" · ") })
  // What matched, marked in the title: the code, the name, the message's words.
  const marks = pattern(reasons.flatMap(([reason, shown]) => reason === "message" ? shown.split(/\s+/) : [shown]))
  const lines = [line(escapeHtml(note), "matched", ` data-errorspec-reasons="${reasons.map(([reason]) => reason).join(" ")}"`)]
  return result(doc, marks, { lines, reason: reasons[0][0], note })
}

function nearest(doc) {
  return result(doc, null, { lines: [line(escapeHtml(TEXTS.nearest), "nearest")], note: TEXTS.nearest })
}

function notCode({ value, ranges }) {
  // A range's description: none, [text] in the site's language, or [text, its language, marker].
  const said = ranges.map(([platform, prefix, description, , marker]) => {
    const known = fill(description ? TEXTS.rangeDescribed : TEXTS.range, { platform, prefix, description })
    return marker ? `${known} (${marker})` : known
  })
  return {
    location: `${SETTINGS.resolver}#${value}`,
    title: escapeHtml(fill(TEXTS.notCode, { number: value })) + said.map(text => line(escapeHtml(text), "range")).join(""),
    text: escapeHtml(said.join(" · ")),
    terms: {},
    errorspec: { reason: null, note: "" }
  }
}

// The last result, where there are more than LIMIT: how many more, and what to do. It leads to
// the permanent-URL page's list of platforms.
function more(count) {
  const said = fill(TEXTS.more, { count })
  return { location: SETTINGS.resolver, title: escapeHtml(said), text: "", terms: {}, errorspec: { reason: null, note: said, more: count } }
}

function byWordsResult({ doc, elsewhere }, marks, terms) {
  if (!elsewhere)
    return result(doc, marks, { terms })
  const said = doc.other.find(other => other.lang === elsewhere)
  const note = TEXTS.otherLanguage[elsewhere] || ""
  const lines = [line(escapeHtml(note), "other-language"), line(highlight(said.text, marks), "other", ` lang="${escapeHtml(elsewhere)}"`)]
  return result(doc, marks, { lines, note, terms })
}

// Best first, each with a score (Material's Enter goes to the best of those it shows); `made`
// makes each result, built only for the first LIMIT.
function ranked(made, total = made.length) {
  const items = made.slice(0, LIMIT).map(make => make())
  if (total > items.length)
    items.push(more(total - items.length))
  return { items: items.map((item, index) => [{ ...item, score: items.length - index }]), total }
}

// A query with nothing to look for: the whole query, or what the worker reads of it, is blank.
function blank(query) {
  return !query.slice(0, RULES.longest).trim()
}

function search(query) {
  const text = query.slice(0, RULES.longest)
  if (blank(query))
    return { items: [], total: 0 }
  const reading = read(text)
  const shown = new Set(reading.matches.map(match => match.doc))
  const made = reading.matches.map(match => () => matched(match))
  for (const number of reading.notCodes) {
    made.push(() => notCode(number))
    for (const doc of number.nearest.flat()) {
      if (!shown.has(doc))
        made.push(() => nearest(doc))
      shown.add(doc)
    }
  }
  const terms = [...new Set(normalise(text).split(/\s+/).filter(Boolean))]
  const found = byWords(terms, shown)
  let marks = null  // the terms' pattern, made for the first result that needs it
  for (const item of found)
    made.push(() => byWordsResult(item, marks = marks || pattern(terms), terms))
  return ranked(made)
}

function respond(query) {
  let data
  try {
    data = search(query)
  } catch (error) {
    data = { items: [], total: 0 }  // a query the worker cannot read is answered: nothing found
  }
  answer(query, data)
}

function answer(query, data) {
  postMessage({ type: RESULT, data: { ...data, query } })
}

// A page's entry as Material sends it; anything else is left out rather than stop the search.
function page(doc) {
  if (!doc || typeof doc !== "object")
    return null
  const text = value => typeof value === "string" ? value : value == null ? "" : String(value)
  return prepare(text(doc.location), text(doc.title), text(doc.text), doc.fallback)
}

addEventListener("message", async event => {
  const message = event.data
  if (!message || typeof message !== "object")
    return
  if (message.type === SETUP) {
    const given = message.data && Array.isArray(message.data.docs) ? message.data.docs : []
    pages = given.map(page).filter(Boolean)
    postMessage({ type: READY })
    combine()
  } else if (message.type === QUERY) {
    const query = typeof message.data === "string" ? message.data : String(message.data ?? "")
    // Material sends the search box's empty query as soon as the worker is ready, while the page
    // is still loading: it finds nothing, and needs no entries fetched for it.
    if (docs !== null || blank(query)) {
      respond(query)
      return
    }
    wantEntries()
    // Before the entries, the query waits for them (and is answered once they arrive); the
    // codes it gives by number are answered from their files meanwhile.
    pending = query
    try {
      const early = await fromCodeFiles(query)
      if (early && docs === null && pending === query)
        answer(query, early)
    } catch (error) {
      // the entries will answer it
    }
  }
})

function wantEntries() {
  loading ??= loadEntries()
}

// Ready at once: codes are answered from their files, everything else once the entries have arrived.
base = here()
postMessage({ type: READY })
setTimeout(wantEntries, ENTRIES_AFTER_MS)
