// Starts Swagger UI (bundled from swagger-ui-dist at build time) on the API's own schema.
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger", deepLinking: true });
});
