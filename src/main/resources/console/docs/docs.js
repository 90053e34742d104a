// Swagger UI over the document the build generated; everything is served by the jar (no network).
window.ui = SwaggerUIBundle({
  url: '/openapi.yml',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  deepLinking: true,
  validatorUrl: null,
  tagsSorter: 'alpha'
});
