// The workbench UI: built into the Python package (src/factiongraph/web/ui, git-ignored), served at / and /ui/.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/ui/",
  build: {
    outDir: "../src/factiongraph/web/ui",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
});
