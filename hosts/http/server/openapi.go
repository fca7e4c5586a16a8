package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/docs/schema"
)

// The OpenAPI 3.1 document is built once, in New, from the op schemas of
// docs/schema (never kept by hand beside them) and the registered routes. Each
// schema's $defs become components named "<schema>.<def>" and its local $refs are
// rewritten to them, so the document is one self-contained resource that any
// OpenAPI tool resolves without following $id.

// opsPath is the path of one op's route.
func opsPath(op string) string { return "/v1/ops/" + op }

// buildOpenAPI returns the document for s's routes.
func (s *Server) buildOpenAPI() ([]byte, error) {
	comps := map[string]any{}
	envelope, err := importSchema("envelope", schema.Envelope(), comps)
	if err != nil {
		return nil, err
	}
	branches, _ := envelope["oneOf"].([]any)
	if len(branches) != 2 {
		return nil, fmt.Errorf("openapi: envelope.json: want a oneOf of success and failure")
	}
	comps["ErrorEnvelope"] = branches[1]
	comps["Status"] = map[string]any{
		"type":        "object",
		"description": "A probe's answer.",
		"properties": map[string]any{
			"status": map[string]any{"type": "string", "enum": []string{"ok", "ready", "not_ready", "draining"}},
			"engine": map[string]any{"type": "string", "description": "The engine the server runs the ops on."},
		},
		"required": []string{"status"},
	}
	paths := map[string]map[string]any{}
	put := func(method, path string, op map[string]any) error {
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		m := strings.ToLower(method)
		if _, dup := paths[path][m]; dup {
			return fmt.Errorf("openapi: %s %s documented twice", method, path)
		}
		paths[path][m] = op
		return nil
	}

	var opList []any
	for _, op := range core.Ops() {
		in, okIn := schema.Input(op)
		res, okRes := schema.Result(op)
		if !okIn || !okRes {
			return nil, fmt.Errorf("openapi: op %s has no input or result schema in docs/schema", op)
		}
		input, err := importSchema(op+".input", in, comps)
		if err != nil {
			return nil, err
		}
		result, err := importSchema(op+".result", res, comps)
		if err != nil {
			return nil, err
		}
		comps[op+".input"], comps[op+".result"] = input, result
		comps[op+".ok"] = map[string]any{
			"type":        "object",
			"description": "The envelope of an ok answer of " + op + ".",
			"properties": map[string]any{
				"ok":     map[string]any{"const": true},
				"result": ref(op + ".result"),
			},
			"required":             []string{"ok", "result"},
			"additionalProperties": false,
		}
		desc, _ := input["description"].(string)
		responses := map[string]any{
			"200": jsonResponse("The op's ok envelope.", ref(op+".ok")),
		}
		for status, text := range opErrors {
			responses[status] = jsonResponse(text, ref("ErrorEnvelope"))
		}
		if err := put(http.MethodPost, opsPath(op), map[string]any{
			"operationId": op,
			"tags":        []string{"ops"},
			"summary":     schema.Summary(op),
			"description": desc,
			"parameters":  []any{map[string]any{"$ref": "#/components/parameters/RequestId"}},
			"requestBody": map[string]any{
				"required": true,
				"content":  map[string]any{"application/json": map[string]any{"schema": ref(op + ".input")}},
			},
			"responses": responses,
		}); err != nil {
			return nil, err
		}
		opList = append(opList, op)
	}

	for _, rt := range s.routes {
		if rt.path == "/v1/ops/{op}" {
			continue // documented per op above
		}
		var op map[string]any
		if rt.doc != nil {
			if err := json.Unmarshal(rt.doc, &op); err != nil || op == nil {
				return nil, fmt.Errorf("openapi: route %q: Doc is not a JSON object", rt.pattern)
			}
		} else if op = builtinDocs(rt.pattern, opList); op == nil {
			op = map[string]any{
				"summary":   rt.pattern,
				"responses": map[string]any{"default": map[string]any{"description": "Not documented."}},
			}
		}
		if err := put(rt.method, openAPIPath(rt.path), op); err != nil {
			return nil, err
		}
	}
	for _, m := range s.schemas {
		for name, raw := range m {
			if _, dup := comps[name]; dup {
				return nil, fmt.Errorf("openapi: component schema %q defined twice", name)
			}
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, fmt.Errorf("openapi: component schema %q: %w", name, err)
			}
			comps[name] = v
		}
	}

	doc := map[string]any{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
		"info": map[string]any{
			"title":   "paycore",
			"version": core.Version,
			"description": "Antom card authorization payments: validate, build, sign and interpret Antom requests and answers. " +
				"Every op answers with the envelope {\"ok\":true,\"result\":...} or {\"ok\":false,\"error\":{...}}; " +
				"the HTTP status follows the error code (400 BAD_JSON, 413 INPUT_TOO_LARGE, 415 not JSON, " +
				"422 VALIDATION_FAILED/BAD_INPUT/BAD_SIGNATURE/BAD_KEY, 500 INTERNAL, 503 engine unavailable or deadline).",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": comps,
			"parameters": map[string]any{
				"RequestId": map[string]any{
					"name": RequestIDHeader, "in": "header", "required": false,
					"description": "Your id for the request (1-128 of A-Z a-z 0-9 . _ : -, no run of 12 digits); echoed in the response header, else a new one.",
					"schema":      map[string]any{"type": "string", "maxLength": 128},
				},
			},
		},
	}
	return core.Marshal(doc)
}

// opErrors are the error statuses every op route can answer, with what they mean.
var opErrors = map[string]string{
	"400": "BAD_JSON: the body is not well-formed JSON, or a value has the wrong JSON type.",
	"413": "INPUT_TOO_LARGE: the body is over the limit (1 MiB by default).",
	"415": "BAD_INPUT (reason unsupported_media_type): the Content-Type is not JSON.",
	"422": "VALIDATION_FAILED, BAD_INPUT, BAD_SIGNATURE or BAD_KEY: the input is the problem (see error.field, error.reason, error.violations).",
	"500": "INTERNAL: a bug, reported without details.",
	"503": "INTERNAL (reason deadline_exceeded, canceled or engine_unavailable): the engine did not answer in time or is shutting down.",
}

// builtinDocs documents the built-in routes other than the ops.
func builtinDocs(pattern string, ops []any) map[string]any {
	status := func(summary, ok string) map[string]any {
		return map[string]any{
			"summary": summary,
			"tags":    []string{"operations"},
			"responses": map[string]any{
				"200": jsonResponse(ok, ref("Status")),
				"503": jsonResponse("Not ready: shutting down, or the engine did not answer.", ref("Status")),
			},
		}
	}
	switch pattern {
	case "GET /healthz":
		op := status("Liveness: the process serves HTTP.", "Alive.")
		delete(op["responses"].(map[string]any), "503")
		return op
	case "GET /readyz":
		return status("Readiness: the engine answered core.info just now; 503 while shutting down.", "Ready.")
	case "GET /metrics":
		return map[string]any{
			"summary": "Prometheus metrics: requests, latencies, op outcomes, engine pool.",
			"tags":    []string{"operations"},
			"responses": map[string]any{"200": map[string]any{
				"description": "The Prometheus text exposition format.",
				"content":     map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}},
			}},
		}
	case "GET /openapi.json":
		return map[string]any{
			"summary":   "This document.",
			"tags":      []string{"operations"},
			"responses": map[string]any{"200": jsonResponse("The OpenAPI 3.1 document.", map[string]any{"type": "object"})},
		}
	case "GET /v1/ops":
		return map[string]any{
			"summary": "Every op, its path and the JSON Schemas (2020-12) of its input and result.",
			"tags":    []string{"ops"},
			"responses": map[string]any{"200": jsonResponse("The ops.", map[string]any{
				"type": "object",
				"properties": map[string]any{"ops": map[string]any{
					"type": "array",
					"items": map[string]any{
						"type": "object",
						"properties": map[string]any{
							"op":     map[string]any{"type": "string", "enum": ops},
							"path":   map[string]any{"type": "string"},
							"input":  map[string]any{"type": "object", "description": "JSON Schema of the input."},
							"result": map[string]any{"type": "object", "description": "JSON Schema of the ok envelope's result."},
						},
						"required": []string{"op", "path", "input", "result"},
					},
				}},
				"required": []string{"ops"},
			})},
		}
	}
	return nil
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func jsonResponse(description string, schema map[string]any) map[string]any {
	return map[string]any{
		"description": description,
		"content":     map[string]any{"application/json": map[string]any{"schema": schema}},
	}
}

// openAPIPath turns a net/http pattern path into an OpenAPI path: "{name...}"
// becomes "{name}" and a trailing "{$}" is dropped.
func openAPIPath(path string) string {
	path = strings.TrimSuffix(path, "{$}")
	return strings.ReplaceAll(path, "...}", "}")
}

// importSchema decodes a JSON Schema document, moves its $defs into comps as
// "<name>.<def>", rewrites its "#/$defs/..." references to them, and drops $schema
// and $id. Any other reference is an error: the document must stand alone.
func importSchema(name string, doc []byte, comps map[string]any) (map[string]any, error) {
	var root map[string]any
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, fmt.Errorf("openapi: schema %s: %w", name, err)
	}
	delete(root, "$schema")
	delete(root, "$id")
	defs, _ := root["$defs"].(map[string]any)
	delete(root, "$defs")
	var rewrite func(v any) error
	rewrite = func(v any) error {
		switch x := v.(type) {
		case map[string]any:
			if r, ok := x["$ref"].(string); ok {
				def, found := strings.CutPrefix(r, "#/$defs/")
				if !found || strings.Contains(def, "/") {
					return fmt.Errorf("openapi: schema %s: reference %q is not to one of its $defs", name, r)
				}
				x["$ref"] = "#/components/schemas/" + name + "." + def
			}
			for _, c := range x {
				if err := rewrite(c); err != nil {
					return err
				}
			}
		case []any:
			for _, c := range x {
				if err := rewrite(c); err != nil {
					return err
				}
			}
		}
		return nil
	}
	names := make([]string, 0, len(defs))
	for d := range defs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		if err := rewrite(defs[d]); err != nil {
			return nil, err
		}
		comps[name+"."+d] = defs[d]
	}
	if err := rewrite(root); err != nil {
		return nil, err
	}
	return root, nil
}
