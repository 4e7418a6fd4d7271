package plugchain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
)

// ChainFile is the JSON description of a chain that the plugchain CLI reads with --chain:
//
//	{"plugins": [{"path": "DIR", "id": 1, "team_id": 2, "config": {...}, "attachments": {"key": "FILE"}}]}
//
// Paths are relative to the file's folder; plugins run in the order listed.
type ChainFile struct {
	Plugins []ChainFileEntry `json:"plugins"`
}

// ChainFileEntry is one plugin config of a ChainFile. Only Path is required.
type ChainFileEntry struct {
	Path        string            `json:"path"`
	ID          int64             `json:"id"`
	TeamID      int64             `json:"team_id"`
	Config      map[string]any    `json:"config"`
	Attachments map[string]string `json:"attachments"`
}

// AddChainFile reads a ChainFile and adds its plugin configs to c in order, loading each plugin
// directory once. Errors name the file, the entry and the cause.
func (c *Chain) AddChainFile(ctx context.Context, path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cf ChainFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(raw, int(se.Offset)-1) // Offset counts the offending byte
			return fmt.Errorf("%s:%d:%d: invalid JSON: %w", path, line, col, err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := lineCol(raw, int(dec.InputOffset()))
		return fmt.Errorf("%s:%d:%d: unexpected data after the chain object", path, line, col)
	}
	base := filepath.Dir(path)
	plugins := map[string]*Plugin{}
	for i, entry := range cf.Plugins {
		if entry.Path == "" {
			return fmt.Errorf("%s: plugins[%d]: missing \"path\"", path, i)
		}
		dir := resolvePath(base, entry.Path)
		p := plugins[dir]
		if p == nil {
			if p, err = LoadPlugin(dir); err != nil {
				return fmt.Errorf("%s: plugins[%d]: %w", path, i, err)
			}
			plugins[dir] = p
		}
		attachments := map[string]Attachment{}
		for key, file := range entry.Attachments {
			file = resolvePath(base, file)
			contents, err := os.ReadFile(file)
			if err != nil {
				return fmt.Errorf("%s: plugins[%d]: attachment %q: %w", path, i, key, err)
			}
			ct := mime.TypeByExtension(filepath.Ext(file))
			if ct == "" {
				ct = "application/octet-stream"
			}
			attachments[key] = Attachment{ContentType: ct, FileName: filepath.Base(file), Contents: contents}
		}
		if _, err := c.Add(ctx, PluginConfig{
			ID: entry.ID, TeamID: entry.TeamID, Plugin: p, Config: entry.Config, Attachments: attachments,
		}); err != nil {
			return fmt.Errorf("%s: plugins[%d]: %w", path, i, err)
		}
	}
	return nil
}

func resolvePath(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}
