package deploy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
)

// CloudFront asks a CloudFront distribution to forget paths, with the
// credentials and settings of the environment, as for s3:// (the SDK's
// AWS_ENDPOINT_URL_CLOUDFRONT points it elsewhere, as the tests do).
func CloudFront(ctx context.Context, distribution string, paths []string) (id string, err error) {
	if len(paths) == 0 {
		return "", nil
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return "", fmt.Errorf("CloudFront: %v", shortErr(err))
	}
	client := cloudfront.NewFromConfig(cfg)
	out, err := client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			// One reference per deploy: a retried request is not a second invalidation.
			CallerReference: aws.String("safeguard-" + strconv.FormatInt(time.Now().UnixNano(), 36)),
			Paths:           &cftypes.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths},
		},
	})
	if err != nil {
		msg := shortErr(err)
		if strings.Contains(msg, "failed to retrieve credentials") {
			return "", fmt.Errorf("CloudFront: no usable credentials (set %s)", credentialHelp["s3"])
		}
		return "", fmt.Errorf("CloudFront invalidation of %s: %s", distribution, msg)
	}
	if out.Invalidation != nil && out.Invalidation.Id != nil {
		id = *out.Invalidation.Id
	}
	return id, nil
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
