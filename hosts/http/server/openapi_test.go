package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/testvectors"
)

const docURL = "https://paycore.test/openapi.json"

// openAPI fetches /openapi.json and compiles schemas from it by JSON pointer.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	cache    map[string]*jsonschema.Schema
}

func fetchOpenAPI(t *testing.T, l *live) *openAPI {
	t.Helper()
	status, body, hdr := l.do(t, "GET", "/openapi.json", "", nil)
	require.Equal(t, 200, status)
	require.Equal(t, "application/json", hdr.Get("Content-Type"))
	o := &openAPI{compiler: jsonschema.NewCompiler(), cache: map[string]*jsonschema.Schema{}}
	require.NoError(t, json.Unmarshal(body, &o.doc))
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, o.compiler.AddResource(docURL, v))
	require.Equal(t, "3.1.0", o.doc["openapi"])
	return o
}

// operation returns the documented operation for method and path, or nil.
func (o *openAPI) operation(method, path string) map[string]any {
	p, _ := o.doc["paths"].(map[string]any)[path].(map[string]any)
	op, _ := p[strings.ToLower(method)].(map[string]any)
	return op
}

// responseSchema compiles the schema documented for a response, or fails.
func (o *openAPI) responseSchema(t *testing.T, method, path string, status int) *jsonschema.Schema {
	t.Helper()
	op := o.operation(method, path)
	require.NotNil(t, op, "%s %s not documented", method, path)
	resp, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	require.True(t, ok, "%s %s: status %d not documented", method, path, status)
	sch := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	ptr := "#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1") + "/" + strings.ToLower(method) + "/responses/" + strconv.Itoa(status) + "/content/application~1json/schema"
	if r, ok := sch["$ref"].(string); ok {
		ptr = r
	}
	if s := o.cache[ptr]; s != nil {
		return s
	}
	s, err := o.compiler.Compile(docURL + ptr)
	require.NoError(t, err, ptr)
	o.cache[ptr] = s
	return s
}

func (o *openAPI) validate(t *testing.T, method, path string, status int, body []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, o.responseSchema(t, method, path, status).Validate(inst), "%s %s %d: %s", method, path, status, body)
}

// TestOpenAPI checks that every registered route is in /openapi.json, that every
// documented route answers, and that the real responses of every golden vector
// (and of the other routes) validate against the documented schemas.
func TestOpenAPI(t *testing.T) {
	doc := json.RawMessage(`{"summary":"A mounted thing.","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}`)
	mounts := []Mount{
		{Pattern: "GET /v1/things/{id}", Doc: doc, Schemas: map[string]json.RawMessage{
			"Thing": json.RawMessage(`{"type":"object","properties":{"id":{"type":"string"}},"required":["id"],"additionalProperties":false}`),
		}, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, []byte(`{"id":"`+r.PathValue("id")+`"}`))
		})},
		{Pattern: "GET /v1/files/{path...}", Handler: http.NotFoundHandler()},
	}
	l, _ := start(t, nativeEngine(), Config{EngineName: "native"}, mounts...)
	o := fetchOpenAPI(t, l)

	// Every registered route is documented.
	for _, rt := range l.srv.routes {
		if rt.path == "/v1/ops/{op}" {
			for _, op := range core.Ops() {
				require.NotNil(t, o.operation("POST", opsPath(op)), op)
			}
			continue
		}
		require.NotNil(t, o.operation(rt.method, openAPIPath(rt.path)), rt.pattern)
	}
	require.Equal(t, "Not documented.", o.operation("GET", "/v1/files/{path}")["responses"].(map[string]any)["default"].(map[string]any)["description"])

	// Every documented route answers (an op with {} gets its own envelope, never a
	// routing 404/405), and its answer matches the document.
	paths := o.doc["paths"].(map[string]any)
	for path, item := range paths {
		for method := range item.(map[string]any) {
			target := strings.ReplaceAll(strings.ReplaceAll(path, "{id}", "7"), "{path}", "a/b")
			status, body, _ := l.do(t, strings.ToUpper(method), target, "application/json", []byte("{}"))
			if path == "/v1/files/{path}" {
				continue // mounted NotFoundHandler
			}
			require.NotContains(t, []int{404, 405}, status, "%s %s: %s", method, path, body)
			if path != "/metrics" {
				o.validate(t, strings.ToUpper(method), path, status, body)
			}
		}
	}
	require.Len(t, paths, len(core.Ops())+len(l.srv.routes)-1)

	// Every golden vector's answer over HTTP matches its documented response.
	vs, err := testvectors.Load(testvectors.Dir())
	require.NoError(t, err)
	checked := 0
	for _, v := range vs {
		if o.operation("POST", opsPath(v.Op)) == nil {
			continue // an unknown op: no documented path
		}
		input, err := v.InputBytes()
		require.NoError(t, err)
		status, body, _ := l.post(t, "/v1/ops/"+url.PathEscape(v.Op), input)
		o.validate(t, "POST", opsPath(v.Op), status, body)
		checked++
	}
	require.Greater(t, checked, len(vs)*9/10)

	// Server-made errors match the document too.
	status, body, _ := l.do(t, "POST", "/v1/ops/core.info", "text/plain", []byte("{}"))
	o.validate(t, "POST", "/v1/ops/core.info", status, body)
	status, body, _ = l.post(t, "/v1/ops/pay.validate", bytes.Repeat([]byte(" "), 2<<20))
	o.validate(t, "POST", "/v1/ops/pay.validate", status, body)

	// GET /v1/ops carries each op's schemas.
	_, body, _ = l.do(t, "GET", "/v1/ops", "", nil)
	var list struct {
		Ops []struct {
			Op     string         `json:"op"`
			Path   string         `json:"path"`
			Input  map[string]any `json:"input"`
			Result map[string]any `json:"result"`
		} `json:"ops"`
	}
	require.NoError(t, json.Unmarshal(body, &list))
	require.Len(t, list.Ops, len(core.Ops()))
	for _, op := range list.Ops {
		require.Equal(t, opsPath(op.Op), op.Path)
		require.Equal(t, "object", op.Input["type"], op.Op)
		require.NotEmpty(t, op.Result, op.Op)
	}
}

func TestOpenAPIRefusesBadDocs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		mount Mount
		err   string
	}{
		{"doc not an object", Mount{Pattern: "GET /v1/x", Handler: http.NotFoundHandler(), Doc: json.RawMessage(`[]`)}, "not a JSON object"},
		{"schema name taken", Mount{Pattern: "GET /v1/x", Handler: http.NotFoundHandler(), Schemas: map[string]json.RawMessage{"ErrorEnvelope": json.RawMessage(`{}`)}}, "defined twice"},
	} {
		_, err := New(core.Native{}, discardLogger(), newRegistry(), Config{}, tc.mount)
		require.ErrorContains(t, err, tc.err, tc.name)
	}
	comps := map[string]any{}
	_, err := importSchema("x", []byte(`{"$ref":"other.json#/a"}`), comps)
	require.ErrorContains(t, err, "not to one of its $defs")
	root, err := importSchema("x", []byte(`{"$id":"u","$schema":"s","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"items":{"$ref":"#/$defs/A"}}}}`), comps)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"properties": map[string]any{"a": map[string]any{"$ref": "#/components/schemas/x.A"}}}, root)
	require.Equal(t, map[string]any{"items": map[string]any{"$ref": "#/components/schemas/x.A"}}, comps["x.A"])
	require.Equal(t, "/v1/files/{path}", openAPIPath("/v1/files/{path...}"))
	require.Equal(t, "/v1/", openAPIPath("/v1/{$}"))
}
