// Package headers is the one security-header policy of the site, written out
// in the form each host reads: Netlify's and Cloudflare Pages' _headers,
// Azure Static Web Apps' staticwebapp.config.json, a <meta> Content-Security-
// Policy for hosts that send no headers at all (GitHub Pages, a plain storage
// website), and the response-header policies to apply on CloudFront and
// Azure Front Door. One policy, so that no host is left with an older copy.
package headers
