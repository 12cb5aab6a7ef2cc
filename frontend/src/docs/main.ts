// The API reference at /docs: Swagger UI over the contract the server ships, a page of its own
// so none of its bytes reach the app's pages.
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

SwaggerUI({
  url: '/api/v1/openapi.yaml',
  dom_id: '#docs',
  deepLinking: true,
  // The default badge asks validator.swagger.io about the document, which the CSP (and privacy) forbid.
  validatorUrl: null,
});
