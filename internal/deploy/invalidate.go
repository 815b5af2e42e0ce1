package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/googleapi"

	"safeguard/internal/deployconfig"
)

// CloudFront asks a CloudFront distribution to forget paths, with the
// credentials of the environment and the target's own settings: its
// profile, its region and its endpoint (an S3-compatible service that
// answers for CloudFront too). The SDK's AWS_ENDPOINT_URL_CLOUDFRONT points
// it elsewhere otherwise. Paths are sent URL-encoded, as CloudFront asks.
func CloudFront(ctx context.Context, targetURL, distribution string, paths []string) (id string, err error) {
	if len(paths) == 0 {
		return "", nil
	}
	var (
		loads    []func(*awsconfig.LoadOptions) error
		endpoint string
	)
	if u, err := url.Parse(targetURL); err == nil {
		q := u.Query()
		if v := q.Get("profile"); v != "" {
			loads = append(loads, awsconfig.WithSharedConfigProfile(v))
		}
		if v := q.Get("region"); v != "" {
			loads = append(loads, awsconfig.WithRegion(v))
		}
		endpoint = q.Get("endpoint")
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return "", errorf(KindUsage, "CloudFront: %s", firstLine(err))
	}
	client := cloudfront.NewFromConfig(cfg, func(o *cloudfront.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	})
	items := make([]string, len(paths))
	for i, p := range paths {
		items[i] = escapePath(p)
	}
	out, err := client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			// One reference per deploy: a retried request is not a second invalidation.
			CallerReference: aws.String("safeguard-" + strconv.FormatInt(time.Now().UnixNano(), 36)),
			Paths:           &cftypes.Paths{Quantity: aws.Int32(int32(len(items))), Items: items},
		},
	})
	if err != nil {
		if help := authHelp("s3", err); help != "" {
			return "", &Error{KindUsage, "CloudFront invalidation of " + distribution + ": " + help, err}
		}
		msg := firstLine(err)
		if strings.Contains(msg, "failed to retrieve credentials") {
			return "", errorf(KindUsage, "CloudFront: no usable credentials (set %s)", deployconfig.Services["s3"].Credentials)
		}
		return "", &Error{KindSystem, "CloudFront invalidation of " + distribution + ": " + msg, err}
	}
	if out.Invalidation != nil && out.Invalidation.Id != nil {
		id = *out.Invalidation.Id
	}
	return id, nil
}

// escapePath URL-encodes a path for a CDN, keeping its slashes and a
// trailing wildcard.
func escapePath(p string) string {
	star := strings.HasSuffix(p, "*")
	p = strings.TrimSuffix(p, "*")
	p = (&url.URL{Path: p}).EscapedPath()
	if star {
		p += "*"
	}
	return p
}

// GoogleCDNEndpoint is the Compute Engine API, which invalidates Cloud CDN.
const GoogleCDNEndpoint = "https://compute.googleapis.com/compute/v1/"

// GoogleCDN asks the Cloud CDN of a Google Cloud load balancer (its URL
// map) to forget paths: one request per path, as the API takes them. client
// carries the credentials (see GoogleClient); endpoint is
// GoogleCDNEndpoint, or a local server in tests.
func GoogleCDN(ctx context.Context, client *http.Client, endpoint, project, urlMap string, paths []string) error {
	for _, p := range paths {
		body, _ := json.Marshal(map[string]string{"path": escapePath(p)})
		u := strings.TrimSuffix(endpoint, "/") + "/projects/" + url.PathEscape(project) + "/global/urlMaps/" + url.PathEscape(urlMap) + "/invalidateCache"
		err := DefaultRetry.do(ctx, func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode/100 == 2 {
				return nil
			}
			msg, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
			return googleapi.CheckResponseWithBody(resp, msg)
		})
		if err != nil {
			if help := authHelp("gs", err); help != "" {
				return &Error{KindUsage, "Cloud CDN invalidation of " + strconv.Quote(p) + ": " + help, err}
			}
			return &Error{KindSystem, "Cloud CDN invalidation of " + strconv.Quote(p) + ": " + firstLine(err), err}
		}
	}
	return nil
}

// GoogleClient is an HTTP client with the environment's Google credentials
// (GOOGLE_APPLICATION_CREDENTIALS, or gcloud's sign-in), for GoogleCDN.
func GoogleClient(ctx context.Context) (*http.Client, error) {
	c, err := google.DefaultClient(ctx, "https://www.googleapis.com/auth/compute")
	if err != nil {
		return nil, errorf(KindUsage, "Cloud CDN: no usable credentials (set %s)", deployconfig.Services["gs"].Credentials)
	}
	return c, nil
}

// FrontDoorPurge is the Azure CLI command that purges a Front Door
// endpoint's cache of paths. safeguard prints it rather than calling Azure
// Resource Manager itself, which would need a second SDK and sign-in.
func FrontDoorPurge(subscription, resourceGroup, profile, endpoint string, paths []string) string {
	var b strings.Builder
	b.WriteString("az afd endpoint purge")
	if subscription != "" {
		fmt.Fprintf(&b, " --subscription %s", shellQuote(subscription))
	}
	fmt.Fprintf(&b, " --resource-group %s --profile-name %s --endpoint-name %s --content-paths", shellQuote(resourceGroup), shellQuote(profile), shellQuote(endpoint))
	for _, p := range paths {
		b.WriteString(" " + shellQuote(p))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
