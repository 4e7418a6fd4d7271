package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunFetchPrivateNetworks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"greeting":"hi"}`)
	}))
	defer srv.Close()
	root := writeFiles(t, t.TempDir(), map[string]string{
		"fetcher/plugin.json": `{"name": "Fetcher"}`,
		"fetcher/index.js": `exports.processEvent = async function (event) {
    const res = await fetch(` + "`" + srv.URL + "`" + `)
    event.properties.greeting = (await res.json()).greeting
    return event
}`,
	})
	in := `{"event":"a","properties":{}}` + "\n"

	res := runCLI(t, in, "run", filepath.Join(root, "fetcher"))
	require.Equal(t, 0, res.code, res.stderr)
	assert.NotContains(t, res.stdout, `"greeting"`)
	assert.Contains(t, res.stderr, "is not allowed (loopback); plugchain blocks private networks by default")

	res = runCLI(t, in, "run", "--allow-private-networks", filepath.Join(root, "fetcher"))
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, `"greeting":"hi"`)
}
