// errorspec's page behaviour: copy-link buttons and a language switch that keeps the code.

// Material copies [data-clipboard-text] and says so; give it the code's full URL.
for (const button of document.querySelectorAll("button.errorspec-copy[data-clipboard-text]")) {
  const url = new URL(button.getAttribute("data-clipboard-text"), location.href)
  button.setAttribute("data-clipboard-text", url.href)
}

// The other language's page is linked at build time; the code in view is known only now.
document.addEventListener("click", event => {
  const link = event.target instanceof Element && event.target.closest("a[data-errorspec-language]")
  if (link && location.hash)
    link.href = link.href.split("#")[0] + location.hash
}, true)
