// Typeset the math that pymdownx.arithmatex (generic mode) leaves in each page, with the
// KaTeX files this site serves itself. Material's document$ emits on every page load.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    const source = element.textContent.trim()
    const display = element.tagName === "DIV"
    // arithmatex wraps inline math in \( \) and display math in \[ \]
    const tex = source.slice(2, -2)
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: true, strict: "error" })
    } catch (error) {
      console.error(`KaTeX could not typeset ${source}: ${error.message}`)
    }
  }
})
