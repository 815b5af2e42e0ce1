package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"gocloud.dev/gcerrors"
	"google.golang.org/api/googleapi"

	"safeguard/internal/deployconfig"
)

// Kind says whose the failure is, for the exit status.
type Kind int

const (
	// KindContent: the build or the plan is wrong (a file changed since the
	// build, a secret in it, the delete guard).
	KindContent Kind = iota + 1
	// KindUsage: the command or its environment is wrong (not a build,
	// missing or refused credentials).
	KindUsage
	// KindSystem: the deploy could not finish (the network, the service, a
	// timeout, another deploy running).
	KindSystem
)

// Error is a failure with its kind and words for the reader.
type Error struct {
	Kind Kind
	Msg  string
	Err  error // the cause, when there is one
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// KindOf is err's kind: an *Error's own, KindSystem otherwise (a failure no
// one foresaw is the machine's or the network's, not the writer's).
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	var ce *CredentialError
	if errors.As(err, &ce) {
		return KindUsage
	}
	var ge *GuardError
	if errors.As(err, &ge) {
		return KindContent
	}
	return KindSystem
}

func errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// status is the HTTP status and the service's error code behind err, as far
// as the SDK says.
func status(err error) (int, string) {
	var az *azcore.ResponseError
	if errors.As(err, &az) {
		return az.StatusCode, az.ErrorCode
	}
	code := ""
	var api smithy.APIError
	if errors.As(err, &api) {
		code = api.ErrorCode()
	}
	var aws *awshttp.ResponseError
	if errors.As(err, &aws) {
		return aws.HTTPStatusCode(), code
	}
	var g *googleapi.Error
	if errors.As(err, &g) {
		reason := ""
		if len(g.Errors) > 0 {
			reason = g.Errors[0].Reason
		}
		return g.Code, reason
	}
	return 0, code
}

// authHelp explains a refusal of the credentials or of the permission, by
// service, naming the variable to check; "" when err is neither.
func authHelp(scheme string, err error) string {
	st, code := status(err)
	switch scheme {
	case "azblob":
		key := "check that " + deployconfig.EnvAzureKey + " is an access key of the storage account named in " + deployconfig.EnvAzureAccount + " (copy key1 from the portal: Storage account > Security + networking > Access keys)"
		switch code {
		case "AuthenticationFailed", "InvalidAuthenticationInfo":
			return "Azure refused the signature: " + key + ", or that " + deployconfig.EnvAzureSAS + " has not expired"
		case "AuthorizationFailure":
			return "Azure refused the request: " + key + "; that " + deployconfig.EnvAzureSAS + ", if set, allows listing, writing and deleting; and that the storage account's firewall (Networking) lets this computer in"
		case "AuthorizationPermissionMismatch", "AuthorizationResourceTypeMismatch", "AuthorizationServiceMismatch", "InsufficientAccountPermissions":
			return "Azure accepted the credentials but they may not write to the container: give the signed-in identity the Storage Blob Data Contributor role on the storage account, or use " + deployconfig.EnvAzureKey
		}
		if st == 401 || st == 403 {
			return "Azure refused the credentials: check " + deployconfig.Services["azblob"].Credentials
		}
	case "s3":
		switch code {
		case "SignatureDoesNotMatch":
			return "AWS refused the signature: " + deployconfig.EnvAWSSecret + " is not the secret of the access key in " + deployconfig.EnvAWSKeyID + " (copy both from the same key in IAM; a pasted secret often lost a character)"
		case "InvalidAccessKeyId":
			return "AWS does not know the access key in " + deployconfig.EnvAWSKeyID + " (check it, and that the key is active in IAM)"
		case "ExpiredToken", "InvalidToken", "TokenRefreshRequired":
			return "the session in " + deployconfig.EnvAWSSession + " has expired or is not valid (sign in again, or unset it to use the access key alone)"
		case "AccessDenied", "AllAccessDisabled", "Forbidden":
			return "AWS accepted the key in " + deployconfig.EnvAWSKeyID + " but it may not do this on the bucket (its IAM policy needs s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket)"
		}
		if st == 401 || st == 403 {
			return "AWS refused the credentials: check " + deployconfig.Services["s3"].Credentials
		}
	case "gs":
		switch st {
		case 401:
			return "Google refused the credentials: the key file in " + deployconfig.EnvGoogle + " is not valid or has been deleted (make a new key for the service account)"
		case 403:
			return "Google accepted the service account in " + deployconfig.EnvGoogle + " but it may not do this on the bucket (give it the Storage Object Admin role on the bucket)"
		}
	}
	return ""
}

// explain turns a storage error into words that say what to do, with its
// kind. what says what was being done ("uploading \"index.html\"").
func explain(scheme, what string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &Error{KindSystem, what + ": the storage service did not answer in time (check the network, or allow longer with --timeout)", err}
	}
	if help := authHelp(scheme, err); help != "" {
		return &Error{KindUsage, what + ": " + help, err}
	}
	place := deployconfig.Services[scheme].Place
	switch gcerrors.Code(err) {
	case gcerrors.PermissionDenied:
		return &Error{KindUsage, fmt.Sprintf("%s: the storage service refused the credentials (check %s)", what, deployconfig.Services[scheme].Credentials), err}
	case gcerrors.NotFound:
		return &Error{KindUsage, fmt.Sprintf("%s: the %s does not exist (create it first, or correct the url in site.yaml)", what, place), err}
	}
	msg := firstLine(err)
	for _, s := range []string{"failed to retrieve credentials", "DefaultAzureCredential", "could not find default credentials", "no EC2 IMDS role"} {
		if strings.Contains(msg, s) {
			return &Error{KindUsage, fmt.Sprintf("%s: no usable credentials (set %s)", what, deployconfig.Services[scheme].Credentials), err}
		}
	}
	if st, code := status(err); code != "" && !strings.Contains(msg, code) {
		msg += fmt.Sprintf(" (the service answered %d %s)", st, code)
	}
	return &Error{KindSystem, what + ": " + msg, err}
}

// urlQuery matches the query of an address in a library's message: it may
// carry a signature, which a message must never show.
var urlQuery = regexp.MustCompile(`(https?://[^\s?"]*)\?[^\s"]*`)

// firstLine keeps the first line of a library error, whole (a line cut
// short can end inside a name), with addresses' queries removed: the SDKs
// append request ids and whole response bodies that say nothing to a reader.
func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return urlQuery.ReplaceAllString(s, "$1")
}

// transient says a failed request may succeed when sent again: the service
// was busy or failing, the connection broke, or the request timed out.
func transient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	if st, _ := status(err); st == 429 || st >= 500 {
		return true
	}
	switch gcerrors.Code(err) {
	case gcerrors.Internal, gcerrors.ResourceExhausted, gcerrors.DeadlineExceeded:
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Retry steers how requests are timed and sent again.
type Retry struct {
	Timeout  time.Duration // for one request
	Attempts int           // tries in all, for a transient failure
	Backoff  time.Duration // wait before the second try; doubled for each after it
}

// DefaultRetry suits a council's site on a working connection: a page or
// an image takes well under a minute even on a slow line.
var DefaultRetry = Retry{Timeout: 2 * time.Minute, Attempts: 4, Backoff: 500 * time.Millisecond}

// do runs f with a deadline of its own, again after a transient failure
// with a growing, jittered wait, until ctx ends.
func (r Retry) do(ctx context.Context, f func(ctx context.Context) error) error {
	r = r.withDefaults()
	var err error
	for i := range r.Attempts {
		rctx, cancel := context.WithTimeout(ctx, r.Timeout)
		err = f(rctx)
		cancel()
		if err == nil || ctx.Err() != nil || !transient(err) || i == r.Attempts-1 {
			break
		}
		wait := r.Backoff << i
		wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return err
}

func (r Retry) withDefaults() Retry {
	if r.Timeout <= 0 {
		r.Timeout = DefaultRetry.Timeout
	}
	if r.Attempts <= 0 {
		r.Attempts = DefaultRetry.Attempts
	}
	if r.Backoff <= 0 {
		r.Backoff = DefaultRetry.Backoff
	}
	return r
}
