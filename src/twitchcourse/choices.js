// One question's answer choices in JupyterLab: a real fieldset whose legend is the question,
// with native radio buttons (one group, one Tab stop, arrow keys move inside it) or check boxes.
let views = 0;

function render({ model, el }) {
  const group = `tc-choices-${model.get("group")}-${++views}`;  // unique per view: two views, two groups
  const fieldset = document.createElement("fieldset");
  fieldset.className = "tc-choices";
  const legend = document.createElement("legend");
  legend.textContent = model.get("legend");
  fieldset.append(legend);
  if (model.get("description")) {
    const story = document.createElement("p");
    story.id = `${group}--story`;
    story.textContent = model.get("description");
    fieldset.setAttribute("aria-describedby", story.id);
    el.append(story);
  }
  const inputs = model.get("options").map((text, i) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = model.get("multiple") ? "checkbox" : "radio";
    input.name = group;
    input.value = String(i);
    label.append(input, document.createTextNode(text));
    fieldset.append(label);
    return input;
  });
  const show = () => {
    const chosen = model.get("value");
    inputs.forEach((input, i) => { input.checked = chosen.includes(i); });
  };
  fieldset.addEventListener("change", () => {
    model.set("value", inputs.flatMap((input, i) => (input.checked ? [i] : [])));
    model.save_changes();
  });
  // JupyterLab's notebook shortcuts use the arrow keys to move between cells; inside the group
  // they belong to the browser, which moves between the options.
  fieldset.addEventListener("keydown", (event) => {
    if (event.key.startsWith("Arrow")) event.stopPropagation();
  });
  model.on("change:value", show);
  show();
  el.append(fieldset);
  return () => model.off("change:value", show);
}

export default { render };
