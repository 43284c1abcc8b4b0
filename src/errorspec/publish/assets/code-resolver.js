// errorspec's permanent URLs: codes/#<platform>/<code>, codes/#<code> and codes/#<name> (a code's
// name in an SDK, kJMSGErrorSDKUserNotLogin) lead to the code's row, or, for a code on several
// platforms (a name of several codes), to a choice. One page serves every code, so that a
// catalogue of tens of thousands of codes does not need as many files.
(function () {
  const data = JSON.parse(document.getElementById("errorspec-codes").textContent)
  const main = document.getElementById("errorspec-result")
  const NAME = /^[A-Za-z_$][\w$.]*$/

  // Codes stay text: a number would lose the last digits of a long one. A platform of many codes
  // is split into parts: data.codes[platform] lists each part's codes, data.pages[platform] its page.
  const parts = new Map()   // "<platform>/<code>" -> the part that holds it
  const having = new Map()  // a code -> the platforms that have it, in order
  for (const [platform, lists] of Object.entries(data.codes))
    lists.forEach((codes, part) => {
      for (const code of codes ? codes.split(" ") : []) {
        parts.set(`${platform}/${code}`, part)
        having.set(code, [...having.get(code) || [], platform])
      }
    })
  // data.names[platform]: [code, name, the title of the name's SDK where it is another platform's].
  const names = new Map()   // "<platform>/<code>" -> its names, as [name, SDK]
  const named = new Map()   // a name, in lower case -> the "<platform>/<code>"s it names
  for (const [platform, list] of Object.entries(data.names))
    for (const [code, name, sdk] of list) {
      const key = `${platform}/${code}`
      names.set(key, [...names.get(key) || [], [name, sdk]])
      const codes = named.get(name.toLowerCase()) || new Set()
      named.set(name.toLowerCase(), codes.add(key))
    }

  // The data's objects are keyed by platform and code; a hash names any key it likes
  // (#constructor/0), and only the data's own keys are platforms.
  const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined)

  // A sentence's placeholder filled with a reader's text: as a function, so that "$&" in it stays text.
  const fill = (text, name, value) => text.replace(`{${name}}`, () => value)

  // The hash as the reader typed it where it is not valid percent-encoding (#%E0%A4%A, #%).
  function decoded(text) {
    try {
      return decodeURIComponent(text)
    } catch (error) {
      return text
    }
  }

  function row(key) {
    const [platform, code] = key.split("/")
    const anchor = own(own(data.anchors, platform) || {}, code) || code
    return `${data.pages[platform][parts.get(key)]}#${anchor}`
  }

  function choice(key) {
    const [platform, code] = key.split("/")
    return { label: `${data.titles[platform]} ${code}`, href: row(key), names: names.get(key) || [] }
  }

  function say(text, choices) {
    const heading = document.createElement("h1")
    heading.textContent = text
    const list = document.createElement("ul")
    for (const { label, href, names } of choices) {
      const item = document.createElement("li")
      const anchor = document.createElement("a")
      anchor.textContent = label
      anchor.href = href
      item.append(anchor)
      for (const [name, sdk] of names) {
        const code = document.createElement("code")
        code.textContent = name
        item.append(sdk ? ` · ${sdk}: ` : " · ", code)
      }
      list.append(item)
    }
    main.replaceChildren(heading, list)
  }

  function resolve() {
    const key = decoded(location.hash.slice(1))
    const pair = /^([a-z0-9-]+)\/(-?\d+)$/.exec(key)
    const digits = pair ? pair[2] : /^-?\d+$/.test(key) ? key : null
    const code = digits === null ? null : digits.replace(/^(-?)0+(?=\d)/, "$1")  // #007 is code 7
    const on = code === null ? [] : having.get(code) || []
    const choices = platforms => platforms.map(p => choice(`${p}/${code}`))
    const rows = code === null && NAME.test(key) ? [...named.get(key.toLowerCase()) || []] : []
    if (pair && on.includes(pair[1]))
      location.replace(row(`${pair[1]}/${code}`))
    else if (pair && on.length && own(data.titles, pair[1]) !== undefined)
      say(fill(fill(data.text.elsewhere, "code", code), "platform", data.titles[pair[1]]), choices(on))
    else if (!pair && on.length === 1)
      location.replace(row(`${on[0]}/${code}`))
    else if (!pair && on.length > 1)
      say(fill(data.text.several, "code", code), choices(on))
    else if (rows.length === 1)
      location.replace(row(rows[0]))
    else if (rows.length > 1)
      say(fill(data.text.named, "name", key), rows.map(choice))
    else
      say(key ? fill(data.text.missing, "code", key) : data.text.index,
        Object.keys(data.pages).map(p => ({ label: data.titles[p], href: data.pages[p][0], names: [] })))
  }

  addEventListener("hashchange", resolve)
  resolve()
})()
