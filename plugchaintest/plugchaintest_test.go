package plugchaintest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/plugchaintest"
)

func TestHelloWorldWithHelpers(t *testing.T) {
	c, logs := plugchaintest.Chain(t)
	plugchaintest.Add(t, c, "../examples/plugins/hello-world", map[string]any{"name": "tests"})
	plugchaintest.Add(t, c, "../examples/plugins/pageview-logger", nil)

	out := plugchaintest.Process(t, c, plugchaintest.Pageview("https://example.com/a"))
	require.NotNil(t, out)
	hello, _ := out.Property("hello")
	assert.Equal(t, "Hello tests", hello)
	require.NoError(t, c.OnEvent(t.Context(), out))
	assert.Equal(t, []string{"Pageview Logger log: pageview https://example.com/a"}, logs.Lines())
	assert.Empty(t, logs.Errors())

	b, err := plugchaintest.Identify("user-1", map[string]any{"email": "a@b.c"}).MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"distinct_id":"user-1","ip":"127.0.0.1","site_url":"http://localhost","team_id":2,"now":"2020-02-23T02:15:00Z","timestamp":"2020-02-23T02:15:00Z","event":"$identify","properties":{"$set":{"email":"a@b.c"}},"uuid":"00000000-0000-0000-0000-000000000000"}`, string(b))
}
