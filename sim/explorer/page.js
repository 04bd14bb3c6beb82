/* The explorer page: draws the map and panels, and answers clicks with the engine. */
"use strict";
window.SimExplorer = (() => {
  const data = JSON.parse(document.getElementById("sim-data").textContent);
  return { data };
})();
