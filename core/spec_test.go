package core

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paycore/paycore/core/antom"
)

// TestBuiltBodiesMatchTheSpecTypes runs every *.build vector and checks every value
// of every body it builds against the JSON type Antom's specification declares for
// that field (colorDepth is a string, timeZoneOffset a number, ...). A field the
// specification does not define fails too: paycore sends only what Antom defines.
func TestBuiltBodiesMatchTheSpecTypes(t *testing.T) {
	apis := map[string]string{"pay.build": "pay", "capture.build": "capture", "cancel.build": "cancel",
		"refund.build": "refund", "consult.build": "consult", "inquiry.build": ""}
	checked := 0
	for op, api := range apis {
		files, err := filepath.Glob(filepath.Join("..", "testvectors", op, "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files, op)
		for _, file := range files {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			var v struct {
				Input json.RawMessage `json:"input"`
			}
			require.NoError(t, json.Unmarshal(data, &v))
			var env struct {
				OK     bool `json:"ok"`
				Result struct {
					Body string `json:"body"`
				} `json:"result"`
			}
			require.NoError(t, json.Unmarshal(Handle(op, v.Input), &env))
			if !env.OK {
				continue
			}
			a := api
			if a == "" {
				var in struct {
					API string `json:"api"`
				}
				require.NoError(t, json.Unmarshal(v.Input, &in))
				a = in.API
			}
			spec := antom.SpecOf(a, "request")
			require.NotNil(t, spec, a)
			dec := json.NewDecoder(bytes.NewReader([]byte(env.Result.Body)))
			dec.UseNumber()
			var body any
			require.NoError(t, dec.Decode(&body))
			walkSpec(t, file, spec, "", body)
			checked++
		}
	}
	require.Greater(t, checked, 30)
}

func walkSpec(t *testing.T, file string, spec antom.Spec, path string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			typ, ok := spec.Lookup(p)
			require.True(t, ok, "%s: %s is not in Antom's specification", file, p)
			if typ == antom.TypeMap || typ == antom.TypeAny {
				continue
			}
			require.Equal(t, typ, kindOf(child), "%s: %s", file, p)
			walkSpec(t, file, spec, p, child)
		}
	case []any:
		for i, e := range v {
			if _, isObj := e.(map[string]any); isObj {
				walkSpec(t, file, spec, path+"["+strconv.Itoa(i)+"]", e)
			}
		}
	}
}

func kindOf(v any) antom.JSONType {
	switch v.(type) {
	case string:
		return antom.TypeString
	case json.Number:
		return antom.TypeNumber
	case bool:
		return antom.TypeBoolean
	case []any:
		return antom.TypeArray
	}
	return antom.TypeObject
}
