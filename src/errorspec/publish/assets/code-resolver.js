// errorspec's permanent URLs: codes/#<platform>/<code> and codes/#<code> lead to the code's row,
// or, for a code on several platforms, to a choice. One page serves every code, so that a
// catalogue of tens of thousands of codes does not need as many files.
(function () {
  const data = JSON.parse(document.getElementById("errorspec-codes").textContent)
  const main = document.getElementById("errorspec-result")

  // A platform of many codes is split into parts: data.codes[platform] lists each part's codes,
  // data.pages[platform] its page.
  function part(platform, code) {
    return (data.codes[platform] || []).findIndex(codes => codes.includes(code))
  }

  function row(platform, code) {
    const anchor = (data.anchors[platform] || {})[code] || code
    return `${data.pages[platform][part(platform, code)]}#${anchor}`
  }

  function say(text, links) {
    const heading = document.createElement("h1")
    heading.textContent = text
    const list = document.createElement("ul")
    for (const [label, href] of links) {
      const item = document.createElement("li")
      const anchor = document.createElement("a")
      anchor.textContent = label
      anchor.href = href
      item.append(anchor)
      list.append(item)
    }
    main.replaceChildren(heading, list)
  }

  function resolve() {
    const key = decodeURIComponent(location.hash.slice(1))
    const pair = /^([a-z0-9-]+)\/(-?\d+)$/.exec(key)
    const single = /^(-?\d+)$/.exec(key)
    const code = pair ? Number(pair[2]) : single ? Number(single[1]) : null
    const having = Object.keys(data.codes).filter(platform => code !== null && part(platform, code) >= 0)
    const choices = platforms => platforms.map(p => [`${data.titles[p]} ${code}`, row(p, code)])
    if (pair && having.includes(pair[1]))
      location.replace(row(pair[1], code))
    else if (pair && having.length && pair[1] in data.titles)
      say(data.text.elsewhere.replace("{platform}", data.titles[pair[1]]).replace("{code}", code), choices(having))
    else if (!pair && having.length === 1)
      location.replace(row(having[0], code))
    else if (!pair && having.length > 1)
      say(data.text.several.replace("{code}", code), choices(having))
    else
      say(code === null ? data.text.index : data.text.missing.replace("{code}", key),
        Object.keys(data.pages).map(p => [data.titles[p], data.pages[p][0]]))
  }

  addEventListener("hashchange", resolve)
  resolve()
})()
