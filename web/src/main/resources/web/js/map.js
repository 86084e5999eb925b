// A Leaflet map with the tile server of MAP_TILE_URL (GET /api/config), or none: then the markers
// stand on a plain background and no request leaves for a tile server. Uses the global L of
// /webjars/leaflet/1.9.4/dist/leaflet.js, loaded by a classic script tag before the page's module.

let configPromise = null;

/** The page settings of the server ({ map_tile_url }), fetched once. */
export function pageConfig() {
  if (!configPromise) {
    configPromise = fetch('/api/config', { credentials: 'omit' }).then((r) => r.json()).catch(() => ({ map_tile_url: '' }));
  }
  return configPromise;
}

/** Creates the map in the element; resolves to { map, tiles } where tiles says whether tiles are shown. */
export async function createMap(element) {
  const config = await pageConfig();
  const map = window.L.map(element, { scrollWheelZoom: false, worldCopyJump: true }).setView([20, 0], 1);
  const tiles = Boolean(config.map_tile_url);
  if (tiles) {
    window.L.tileLayer(config.map_tile_url, { maxZoom: 19, attribution: attribution(config.map_tile_url) }).addTo(map);
  } else {
    element.classList.add('map-no-tiles');
  }
  return { map, tiles };
}

/** OpenStreetMap's tiles need its credit; other servers are named by their host. */
function attribution(tileUrl) {
  const host = new URL(tileUrl.replace(/\{s\}\./, '')).host;
  return /openstreetmap\.(org|fr|de)$/.test(host) ? '© OpenStreetMap contributors' : `Map tiles: ${host}`;
}
