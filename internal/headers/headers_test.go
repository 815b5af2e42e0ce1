package headers

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMetaCSPLeavesOutWhatMetaCannotCarry(t *testing.T) {
	m := MetaCSP()
	if strings.Contains(m, "frame-ancestors") || !strings.HasPrefix(m, "default-src 'self';") || !strings.HasSuffix(m, "form-action 'self'") {
		t.Errorf("MetaCSP() = %q", m)
	}
}

func TestNetlify(t *testing.T) {
	got := Netlify()
	for _, want := range []string{
		"/*\n  Content-Security-Policy: " + CSP + "\n",
		"  Strict-Transport-Security: max-age=31536000; includeSubDomains\n",
		"/newsletter/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: " + NewsletterCSP + "\n  X-Frame-Options: SAMEORIGIN\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("_headers lacks %q:\n%s", want, got)
		}
	}
}

func TestStaticWebApp(t *testing.T) {
	var cfg struct {
		GlobalHeaders map[string]string
		Routes        []struct {
			Route   string
			Headers map[string]string
		}
		ResponseOverrides map[string]struct {
			Rewrite    string
			StatusCode int
		}
	}
	if err := json.Unmarshal(StaticWebApp(), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.GlobalHeaders["Content-Security-Policy"] != CSP || cfg.GlobalHeaders["Strict-Transport-Security"] != HSTS {
		t.Errorf("globalHeaders %v", cfg.GlobalHeaders)
	}
	if len(cfg.Routes) != 1 || cfg.Routes[0].Route != "/newsletter/*" || cfg.Routes[0].Headers["Content-Security-Policy"] != NewsletterCSP {
		t.Errorf("routes %+v", cfg.Routes)
	}
	if o := cfg.ResponseOverrides["404"]; o.Rewrite != "/404.html" || o.StatusCode != 404 {
		t.Errorf("404 override %+v", o)
	}
}

func TestCloudFrontPolicyIsJSON(t *testing.T) {
	var cfg struct {
		Name                  string
		SecurityHeadersConfig struct {
			ContentSecurityPolicy struct{ ContentSecurityPolicy string }
			FrameOptions          struct{ FrameOption string }
		}
	}
	if err := json.Unmarshal(CloudFrontPolicy("n", Newsletter()), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy != NewsletterCSP || cfg.SecurityHeadersConfig.FrameOptions.FrameOption != "SAMEORIGIN" {
		t.Errorf("%+v", cfg)
	}
}
