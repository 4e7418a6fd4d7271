package plugchain

import (
	"context"
	"fmt"

	"github.com/plugchain/plugchain/ojson"
	"github.com/plugchain/plugchain/vm"
)

// Version is plugchain's version; captured events carry it as $lib_version.
const Version = "0.1.0"

// Capturer receives the events plugins emit with posthog.capture(event, properties). Each
// is built as PostHog's server built it: distinct_id (default: the plugin's name), event,
// timestamp, properties with $lib "posthog-plugin-server", team_id and a time-ordered uuid.
// The host usually feeds them back into its ingestion. Capture may be called concurrently.
type Capturer interface {
	Capture(ctx context.Context, src PluginSource, ev *Event) error
}

// CapturerFunc adapts a function to Capturer.
type CapturerFunc func(ctx context.Context, src PluginSource, ev *Event) error

// Capture implements Capturer.
func (f CapturerFunc) Capture(ctx context.Context, src PluginSource, ev *Event) error {
	return f(ctx, src, ev)
}

// logCapturer is the default Capturer: it records each captured event in the log sink, at
// level "info", so nothing a plugin emits disappears unseen.
type logCapturer struct{ logs LogSink }

func (l logCapturer) Capture(ctx context.Context, src PluginSource, ev *Event) error {
	b, err := ev.MarshalJSON()
	if err != nil {
		return err
	}
	l.logs.PluginLog(ctx, src, "info", "posthog.capture: "+string(b))
	return nil
}

// APICredentials is what posthog.api needs for one plugin config's project.
type APICredentials struct {
	// Host is the PostHog API's base URL; empty means https://app.posthog.com. A plugin may
	// override it per request with options.host, as on PostHog.
	Host string
	// ProjectToken is the project's API token, sent as the token query parameter.
	ProjectToken string
	// PersonalAPIKey is sent as a bearer token.
	PersonalAPIKey string
}

// PostHogAPI gives posthog.api.get/post/put/delete the credentials of a plugin config's
// project. Requests go through the chain's HTTP client, as fetch does.
type PostHogAPI interface {
	Credentials(ctx context.Context, src PluginSource) (APICredentials, error)
}

// StaticPostHogAPI is a PostHogAPI with the same credentials for every plugin config.
type StaticPostHogAPI APICredentials

// Credentials implements PostHogAPI.
func (s StaticPostHogAPI) Credentials(context.Context, PluginSource) (APICredentials, error) {
	return APICredentials(s), nil
}

// posthogHost connects a config's posthog global to the chain's Capturer and PostHogAPI.
func (c *Chain) posthogHost(ic *installed) *vm.PostHogHost {
	src := ic.src
	h := &vm.PostHogHost{
		DistinctID: ic.Plugin.Name(),
		TeamID:     float64(ic.TeamID),
		LibVersion: Version,
		Capture: func(ctx context.Context, args []any) (any, error) {
			o, ok := arg(args, 0).(*ojson.Object)
			if !ok {
				return nil, fmt.Errorf("posthog.capture: event is not an object")
			}
			if err := c.opts.capturer.Capture(ctx, src, EventFromObject(o)); err != nil {
				return nil, jsError("posthog.capture: " + err.Error())
			}
			return vm.Undefined, nil
		},
	}
	if api := c.opts.posthogAPI; api != nil {
		h.Credentials = func(ctx context.Context, _ []any) (any, error) {
			cr, err := api.Credentials(ctx, src)
			if err != nil {
				return nil, jsError("posthog.api: " + err.Error())
			}
			return map[string]any{"host": cr.Host, "token": cr.ProjectToken, "apiKey": cr.PersonalAPIKey}, nil
		}
	}
	return h
}
