package headers

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Header is one response header.
type Header struct{ Name, Value string }

// The site loads nothing from other hosts and runs no inline script, so the
// policy is 'self' only. Newsletter fragments carry inline styles (email
// clients need them) and are shown framed in the editors' preview, so
// /newsletter/ has a looser policy of its own.
const (
	CSP           = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	NewsletterCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
	// HSTS: a year, for the site's host and those under it. No preload: that
	// is a promise for the whole registered domain, the council's to make.
	HSTS            = "max-age=31536000; includeSubDomains"
	HSTSMaxAge      = 31536000
	PermissionsPol  = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=(), interest-cohort=()"
	NewsletterPath  = "/newsletter/"
	notFoundPage    = "/404.html"
	referrerPolicy  = "no-referrer"
	frameSite       = "DENY"
	frameNewsletter = "SAMEORIGIN"
)

// Site is the set for every page.
func Site() []Header {
	return []Header{
		{"Content-Security-Policy", CSP},
		{"Strict-Transport-Security", HSTS},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", referrerPolicy},
		{"Permissions-Policy", PermissionsPol},
		{"X-Frame-Options", frameSite},
	}
}

// Newsletter is the set for /newsletter/: Site with its own CSP and framing.
func Newsletter() []Header {
	out := Site()
	for i, h := range out {
		switch h.Name {
		case "Content-Security-Policy":
			out[i].Value = NewsletterCSP
		case "X-Frame-Options":
			out[i].Value = frameNewsletter
		}
	}
	return out
}

// MetaCSP is the site's policy as a <meta http-equiv> may carry it: browsers
// ignore frame-ancestors, report-uri and sandbox there (X-Frame-Options and
// the hosts' headers cover framing).
func MetaCSP() string {
	var keep []string
	for _, d := range strings.Split(CSP, "; ") {
		name, _, _ := strings.Cut(d, " ")
		switch name {
		case "frame-ancestors", "report-uri", "report-to", "sandbox":
			continue
		}
		keep = append(keep, d)
	}
	return strings.Join(keep, "; ")
}

// Netlify is the _headers file (Netlify and Cloudflare Pages). /newsletter/*
// detaches the site-wide values it replaces ("! Name", Cloudflare Pages'
// syntax; Netlify applies the later rule).
func Netlify() string {
	var b strings.Builder
	b.WriteString("# Security headers for static hosts that read this file (Netlify, Cloudflare Pages).\n")
	b.WriteString("# Written by safeguard build; put your own in static/_headers to replace it.\n")
	b.WriteString("/*\n")
	for _, h := range Site() {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	b.WriteString("\n" + NewsletterPath + "*\n")
	for _, h := range changedForNewsletter() {
		fmt.Fprintf(&b, "  ! %s\n", h.Name)
	}
	for _, h := range changedForNewsletter() {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	return b.String()
}

// changedForNewsletter is what Newsletter sets differently from Site.
func changedForNewsletter() []Header {
	var out []Header
	site := Site()
	for i, h := range Newsletter() {
		if h.Value != site[i].Value {
			out = append(out, h)
		}
	}
	return out
}

func asMap(hs []Header) map[string]string {
	m := map[string]string{}
	for _, h := range hs {
		m[h.Name] = h.Value
	}
	return m
}

// StaticWebApp is staticwebapp.config.json (Azure Static Web Apps): the
// headers, the newsletter's own, and the site's 404 page for missing paths.
func StaticWebApp() []byte {
	type route struct {
		Route   string            `json:"route"`
		Headers map[string]string `json:"headers"`
	}
	type override struct {
		Rewrite    string `json:"rewrite"`
		StatusCode int    `json:"statusCode"`
	}
	cfg := struct {
		Comment           string              `json:"$comment"`
		GlobalHeaders     map[string]string   `json:"globalHeaders"`
		Routes            []route             `json:"routes"`
		ResponseOverrides map[string]override `json:"responseOverrides"`
	}{
		Comment:           "Written by safeguard build; put your own in static/staticwebapp.config.json to replace it.",
		GlobalHeaders:     asMap(Site()),
		Routes:            []route{{NewsletterPath + "*", asMap(changedForNewsletter())}},
		ResponseOverrides: map[string]override{"404": {Rewrite: notFoundPage, StatusCode: 404}},
	}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	return append(b, '\n')
}

// CloudFrontPolicy is a CloudFront ResponseHeadersPolicyConfig, as the AWS
// CLI's --response-headers-policy-config takes it.
func CloudFrontPolicy(name string, hs []Header) []byte {
	m := asMap(hs)
	frame := m["X-Frame-Options"]
	cfg := map[string]any{
		"Name":    name,
		"Comment": "Security headers from safeguard",
		"SecurityHeadersConfig": map[string]any{
			"ContentSecurityPolicy":   map[string]any{"Override": true, "ContentSecurityPolicy": m["Content-Security-Policy"]},
			"ContentTypeOptions":      map[string]any{"Override": true},
			"FrameOptions":            map[string]any{"Override": true, "FrameOption": frame},
			"ReferrerPolicy":          map[string]any{"Override": true, "ReferrerPolicy": m["Referrer-Policy"]},
			"StrictTransportSecurity": map[string]any{"Override": true, "AccessControlMaxAgeSec": HSTSMaxAge, "IncludeSubdomains": true, "Preload": false},
		},
		"CustomHeadersConfig": map[string]any{
			"Quantity": 1,
			"Items":    []any{map[string]any{"Header": "Permissions-Policy", "Value": m["Permissions-Policy"], "Override": true}},
		},
	}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	return append(b, '\n')
}

// CloudFront is the guide printed by `safeguard deploy --print-headers
// cloudfront`: two policies and the commands that create and attach them.
func CloudFront() string {
	var b strings.Builder
	b.WriteString(`# CloudFront response headers policies for the site (safeguard deploy --print-headers cloudfront).
# 1. Save each JSON document below to the file named above it.
# 2. Create the policies:
#      aws cloudfront create-response-headers-policy --response-headers-policy-config file://safeguard-site.json
#      aws cloudfront create-response-headers-policy --response-headers-policy-config file://safeguard-newsletter.json
# 3. In the distribution, set the first policy's Id as ResponseHeadersPolicyId of the default
#    cache behaviour, and add a cache behaviour for the path pattern /newsletter/* with the second.
#    (Console: Distribution > Behaviors > Edit > Response headers policy.)

# safeguard-site.json
`)
	b.Write(CloudFrontPolicy("safeguard-site", Site()))
	b.WriteString("\n# safeguard-newsletter.json\n")
	b.Write(CloudFrontPolicy("safeguard-newsletter", Newsletter()))
	return b.String()
}

// FrontDoor is the guide printed by `safeguard deploy --print-headers
// frontdoor`: Azure CLI commands that make a rule set overwriting the
// response headers, with a second rule for /newsletter/.
func FrontDoor() string {
	var b strings.Builder
	b.WriteString(`# Azure Front Door (Standard/Premium) rule set for the site's headers
# (safeguard deploy --print-headers frontdoor). Set RG and PROFILE, run these with the
# Azure CLI, then associate the rule set with the site's route
# (Portal: Front Door > Rule sets > safeguardheaders > Associate a route).
RG=your-resource-group
PROFILE=your-front-door-profile
az afd rule-set create --resource-group "$RG" --profile-name "$PROFILE" --rule-set-name safeguardheaders
`)
	rule := func(name string, order int, cond string, hs []Header) {
		for i, h := range hs {
			if i == 0 {
				fmt.Fprintf(&b, "az afd rule create --resource-group \"$RG\" --profile-name \"$PROFILE\" --rule-set-name safeguardheaders --rule-name %s --order %d%s --match-processing-behavior Continue --action-name ModifyResponseHeader --header-action Overwrite --header-name %s --header-value %s\n",
					name, order, cond, h.Name, quote(h.Value))
				continue
			}
			fmt.Fprintf(&b, "az afd rule action add --resource-group \"$RG\" --profile-name \"$PROFILE\" --rule-set-name safeguardheaders --rule-name %s --action-name ModifyResponseHeader --header-action Overwrite --header-name %s --header-value %s\n",
				name, h.Name, quote(h.Value))
		}
	}
	rule("site", 1, "", Site())
	rule("newsletter", 2, " --match-variable UrlPath --operator BeginsWith --match-values "+NewsletterPath, changedForNewsletter())
	return b.String()
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// Hosts are the names --print-headers takes, with what each prints.
var Hosts = map[string]func() string{
	"cloudfront":   CloudFront,
	"frontdoor":    FrontDoor,
	"netlify":      Netlify,
	"staticwebapp": func() string { return string(StaticWebApp()) },
	"meta":         func() string { return `<meta http-equiv="Content-Security-Policy" content="` + MetaCSP() + `">` + "\n" },
}
