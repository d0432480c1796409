// @ts-check
// One helper to build elements: h('p', { class: 'note' }, 'text', child).

/**
 * @param {string} tag
 * @param {Record<string, string | ((event: Event) => void)>} [attributes] `on...` entries are listeners
 * @param {...(Node | string)} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
