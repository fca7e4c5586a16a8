// Command opdecoder writes the one-pass decoders of the op inputs of
// response.interpret (core/outcome), notification.parse (core/notify) and
// payment.apply (core/lifecycle), and of the Antom responses and notifications they
// read (core/internal/antomjson). It reads the types by reflection (json tags; the
// validate tag and every other tag are ignored) and emits one function per struct
// type that fills the struct straight from the bytes with the lexer of
// core/internal/jsonlex.
//
// Each decoder gives exactly what encoding/json gives, or refuses: for any input it
// accepts, the struct equals the one encoding/json.Unmarshal fills (with
// DisallowUnknownFields for the strict op inputs); on anything encoding/json would
// answer with an error (malformed JSON, a value of the wrong JSON type, an unknown
// key where unknown keys are refused) and on rare shapes it does not handle itself
// (a key with escapes or non-ASCII bytes, a key that matches a field only ignoring
// case) it refuses, and the caller decodes with encoding/json, so every error
// stays encoding/json's, with its field path and never the value.
//
// Run it with go generate in core/internal/antomjson; -check compares instead of
// writing and exits 1 when a file is stale.
package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/paycore/paycore/core/antom"
	"github.com/paycore/paycore/core/signature"
)

const module = "github.com/paycore/paycore/"

// named is what a mirror type stands for: its package and name there.
type named struct{ pkg, name string }

// mirrors maps the generator's mirror types to the types they stand for.
var mirrors = map[reflect.Type]named{
	reflect.TypeFor[outcomeOpInput]():   {"core/outcome", "OpInput"},
	reflect.TypeFor[outcomeContext]():   {"core/outcome", "Context"},
	reflect.TypeFor[notifyInput]():      {"core/notify", "Input"},
	reflect.TypeFor[notifyUnion]():      {"core/notify", "union"},
	reflect.TypeFor[lcOpInput]():        {"core/lifecycle", "OpInput"},
	reflect.TypeFor[lcState]():          {"core/lifecycle", "State"},
	reflect.TypeFor[lcEvent]():          {"core/lifecycle", "Event"},
	reflect.TypeFor[lcRequest]():        {"core/lifecycle", "Request"},
	reflect.TypeFor[lcConflictEntry]():  {"core/lifecycle", "ConflictEntry"},
	reflect.TypeFor[lcStatus]():         {"core/lifecycle", "Status"},
	reflect.TypeFor[lcPhase]():          {"core/lifecycle", "Phase"},
	reflect.TypeFor[lcRequestStatus]():  {"core/lifecycle", "RequestStatus"},
	reflect.TypeFor[lcConflictReason](): {"core/lifecycle", "ConflictReason"},
	reflect.TypeFor[lcEventType]():      {"core/lifecycle", "EventType"},
	reflect.TypeFor[threeDSWire]():      {"core/internal/antomjson", "threeDSWire"},
}

// shared is the package whose lenient readers of the antom types the other
// outputs call.
const shared = "core/internal/antomjson"

// special are the types with their own JSON decoding that a hand-written reader
// decodes exactly as their UnmarshalJSON does (or refuses): package → function, of
// type func(*jsonlex.Lexer, *T).
var special = map[reflect.Type]named{
	reflect.TypeFor[antom.ThreeDSResult]():      {shared, "ReadThreeDSResult"},
	reflect.TypeFor[antom.EmbeddedActionForm](): {shared, "ReadEmbeddedActionForm"},
	reflect.TypeFor[signature.Headers]():        {"core/notify", "readHeaders"},
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// root is a document type, whether unknown keys are refused (strict, as
// problem.DecodeStrict does) or ignored, and the function that decodes a whole
// document into it.
type root struct {
	fn     string
	typ    reflect.Type
	strict bool
}

// output is one generated file.
type output struct {
	pkg   string // package path below the module
	roots []root
}

var outputs = []output{
	{shared, []root{
		{"DecodePayResponse", reflect.TypeFor[antom.PayResponse](), false},
		{"DecodeInquiryPaymentResponse", reflect.TypeFor[antom.InquiryPaymentResponse](), false},
		{"DecodeCaptureResponse", reflect.TypeFor[antom.CaptureResponse](), false},
		{"DecodeCancelResponse", reflect.TypeFor[antom.CancelResponse](), false},
		{"DecodeRefundResponse", reflect.TypeFor[antom.RefundResponse](), false},
		{"DecodeInquiryRefundResponse", reflect.TypeFor[antom.InquiryRefundResponse](), false},
		{"DecodePaymentNotification", reflect.TypeFor[antom.PaymentNotification](), false},
		{"DecodeCaptureNotification", reflect.TypeFor[antom.CaptureNotification](), false},
		{"DecodeRefundNotification", reflect.TypeFor[antom.RefundNotification](), false},
		{"DecodeNotificationHead", reflect.TypeFor[antom.NotificationHead](), false},
		{"DecodePaymentActionForm", reflect.TypeFor[antom.PaymentActionForm](), false},
		{"decodeThreeDSWire", reflect.TypeFor[threeDSWire](), false},
	}},
	{"core/outcome", []root{
		{"decodeOpInputDoc", reflect.TypeFor[outcomeOpInput](), true},
		{"decodeContextDoc", reflect.TypeFor[outcomeContext](), true},
	}},
	{"core/notify", []root{
		{"decodeInputDoc", reflect.TypeFor[notifyInput](), true},
		{"decodeUnionDoc", reflect.TypeFor[notifyUnion](), false},
	}},
	{"core/lifecycle", []root{
		{"decodeOpInputDoc", reflect.TypeFor[lcOpInput](), true},
		{"decodeStateDoc", reflect.TypeFor[lcState](), true},
		{"decodeEventDoc", reflect.TypeFor[lcEvent](), true},
	}},
}

func main() {
	dir := flag.String("root", "", "the module's root directory (default: found from the working directory)")
	check := flag.Bool("check", false, "compare with the files instead of writing them; exit 1 when one differs")
	flag.Parse()
	if *dir == "" {
		var err error
		if *dir, err = moduleRoot(); err != nil {
			fail(err)
		}
	}
	files, err := Generate()
	if err != nil {
		fail(err)
	}
	stale := false
	for _, f := range files {
		path := filepath.Join(*dir, filepath.FromSlash(f.path))
		if *check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, f.src) {
				fmt.Fprintf(os.Stderr, "opdecoder: %s is stale: run go generate ./core/internal/antomjson\n", f.path)
				stale = true
			}
			continue
		}
		if err := os.WriteFile(path, f.src, 0o644); err != nil {
			fail(err)
		}
	}
	if stale {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "opdecoder:", err)
	os.Exit(1)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// File is one generated file: its path below the module root and its source.
type File struct {
	path string
	src  []byte
}

// Generate returns the generated files.
func Generate() ([]File, error) {
	// The readers of the shared package, which the other outputs call.
	sharedReaders := map[reflect.Type]bool{}
	var files []File
	for _, o := range outputs {
		g := &gen{out: o, imports: map[string]string{}, done: map[key]bool{}, shared: sharedReaders, tables: map[string]bool{}}
		src, err := g.file()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.pkg, err)
		}
		if o.pkg == shared {
			for k := range g.done {
				if !k.strict && k.kind == kStruct {
					sharedReaders[k.t] = true
				}
			}
		}
		files = append(files, File{path: o.pkg + "/decode_gen.go", src: src})
	}
	return files, nil
}

// How a value of a type is decoded.
type valueKind int

const (
	vString  valueKind = iota // a string kind
	vBool                     // bool
	vInt                      // a signed integer kind
	vRaw                      // json.RawMessage
	vSpecial                  // a type with a hand-written reader
	vStruct                   // a struct
	vPointer                  // *T, T any of the above but a pointer
	vSlice                    // []E
	vMap                      // map[string]E
)

var (
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func kindOf(t reflect.Type) (valueKind, error) {
	if t == rawMessage {
		return vRaw, nil
	}
	if _, ok := special[t]; ok {
		return vSpecial, nil
	}
	if reflect.PointerTo(t).Implements(unmarshaler) || reflect.PointerTo(t).Implements(textUnmarsh) {
		return 0, fmt.Errorf("%v has its own JSON or text decoding and no hand-written reader", t)
	}
	switch t.Kind() {
	case reflect.String:
		return vString, nil
	case reflect.Bool:
		return vBool, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return vInt, nil
	case reflect.Struct:
		return vStruct, nil
	case reflect.Pointer:
		k, err := kindOf(t.Elem())
		if err != nil {
			return 0, err
		}
		if k == vPointer {
			return 0, fmt.Errorf("%v: pointers to pointers are not supported", t)
		}
		return vPointer, nil
	case reflect.Slice:
		if _, err := kindOf(t.Elem()); err != nil {
			return 0, err
		}
		return vSlice, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Key() != reflect.TypeFor[string]() {
			return 0, fmt.Errorf("%v: only maps with string keys are supported", t)
		}
		if _, err := kindOf(t.Elem()); err != nil {
			return 0, err
		}
		return vMap, nil
	}
	return 0, fmt.Errorf("%v: kind %v is not supported", t, t.Kind())
}

// A reader function to emit: of a struct, slice or map type, strict or lenient.
type key struct {
	t      reflect.Type
	kind   valueKind
	strict bool
}

type jsonField struct {
	name   string // JSON name
	goPath string // v.<goPath>
	typ    reflect.Type
}

type gen struct {
	out     output
	buf     bytes.Buffer
	imports map[string]string // path -> name
	queue   []key
	done    map[key]bool
	shared  map[reflect.Type]bool
	tables  map[string]bool
	tail    bytes.Buffer // the name tables, after the functions
}

func (g *gen) file() ([]byte, error) {
	g.imports[module+"core/internal/jsonlex"] = "jsonlex"
	for _, r := range g.out.roots {
		if err := g.root(r); err != nil {
			return nil, err
		}
	}
	for len(g.queue) > 0 {
		k := g.queue[0]
		g.queue = g.queue[1:]
		var err error
		switch k.kind {
		case kStruct:
			err = g.structFunc(k)
		case kSlice:
			err = g.sliceFunc(k)
		case kMap:
			err = g.mapFunc(k)
		}
		if err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	out.WriteString("// Code generated by internal/gen/opdecoder from the json tags of the types it decodes; DO NOT EDIT.\n\n")
	fmt.Fprintf(&out, "package %s\n\n", g.out.pkg[strings.LastIndex(g.out.pkg, "/")+1:])
	var paths []string
	for p := range g.imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	out.WriteString("import (\n")
	for _, p := range paths {
		fmt.Fprintf(&out, "\t%q\n", p)
	}
	out.WriteString(")\n\n")
	out.Write(g.buf.Bytes())
	out.Write(g.tail.Bytes())
	src, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated code: %w\n%s", err, out.Bytes())
	}
	return src, nil
}

// Reader kinds of the queue.
const (
	kStruct = vStruct
	kSlice  = vSlice
	kMap    = vMap
)

// expr is the Go expression of type t in the output's package.
func (g *gen) expr(t reflect.Type) string {
	if m, ok := mirrors[t]; ok {
		return g.qualify(m.pkg, m.name)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + g.expr(t.Elem())
	case reflect.Slice:
		return "[]" + g.expr(t.Elem())
	case reflect.Map:
		return "map[" + g.expr(t.Key()) + "]" + g.expr(t.Elem())
	}
	if t.PkgPath() == "" {
		return t.Name()
	}
	return g.qualify(strings.TrimPrefix(t.PkgPath(), module), t.Name())
}

// qualify names name of package pkg (below the module, or a standard package) in
// the output's package.
func (g *gen) qualify(pkg, name string) string {
	if pkg == g.out.pkg {
		return name
	}
	path := pkg
	if strings.HasPrefix(pkg, "core/") || strings.HasPrefix(pkg, "internal/") {
		path = module + pkg
	}
	short := pkg[strings.LastIndex(pkg, "/")+1:]
	g.imports[path] = short
	return short + "." + name
}

func (g *gen) p(format string, args ...any) {
	fmt.Fprintf(&g.buf, format, args...)
	g.buf.WriteByte('\n')
}

// typeName is the name of t in reader function names.
func typeName(t reflect.Type) string {
	if m, ok := mirrors[t]; ok {
		return strings.ToUpper(m.name[:1]) + m.name[1:]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.Slice:
		return typeName(t.Elem()) + "Slice"
	case reflect.Map:
		return typeName(t.Elem()) + "Map"
	}
	return strings.ToUpper(t.Name()[:1]) + t.Name()[1:]
}

// reader is the function that reads a value of struct, slice or map type t in the
// given mode, queued for emission unless the shared package has it.
func (g *gen) reader(t reflect.Type, strict bool) string {
	k, _ := kindOf(t)
	if k == vStruct && !strict && g.out.pkg != shared && g.shared[t] {
		return g.qualify(shared, "Read"+typeName(t))
	}
	name := "read" + typeName(t)
	if g.out.pkg == shared && k == vStruct && !strict {
		if _, local := mirrors[t]; !local {
			name = "Read" + typeName(t)
		}
	}
	if strict {
		name += "Strict"
	}
	kk := key{t, k, strict}
	if !g.done[kk] {
		g.done[kk] = true
		g.queue = append(g.queue, kk)
	}
	return name
}

func (g *gen) root(r root) error {
	if err := g.check(r.typ, map[reflect.Type]bool{}); err != nil {
		return err
	}
	mode := "ignoring unknown keys as encoding/json.Unmarshal does"
	if r.strict {
		mode = "refusing unknown keys as problem.DecodeStrict does"
	}
	g.p("// %s decodes data into v in one pass, %s.", r.fn, mode)
	g.p("// It returns false when encoding/json would not decode data without an error, or")
	g.p("// may not decode it the same way: v is then partly filled, and the caller decodes")
	g.p("// data with encoding/json into a zero value instead.")
	g.p("func %s(data []byte, v *%s) bool {", r.fn, g.expr(r.typ))
	g.p("l := jsonlex.Lexer{Data: data}")
	g.p("if !l.Begin() {")
	g.p("return false")
	g.p("}")
	g.p("if l.ObjectStart() == jsonlex.Object {")
	g.p("%s(&l, v)", g.reader(r.typ, r.strict))
	g.p("}")
	g.p("return l.End()")
	g.p("}")
	g.p("")
	return nil
}

// check refuses, before anything is emitted, a type the generator cannot decode.
func (g *gen) check(t reflect.Type, seen map[reflect.Type]bool) error {
	if seen[t] {
		return nil
	}
	seen[t] = true
	k, err := kindOf(t)
	if err != nil {
		return err
	}
	switch k {
	case vPointer, vSlice, vMap:
		return g.check(t.Elem(), seen)
	case vStruct:
		fs, err := fieldsOf(t)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if err := g.check(f.typ, seen); err != nil {
				return fmt.Errorf("%v.%s: %w", t, f.goPath, err)
			}
		}
	}
	return nil
}

// fieldsOf lists the JSON fields of struct type t as encoding/json sees them,
// embedded structs flattened. Name clashes (which encoding/json resolves by depth and
// tags) are refused.
func fieldsOf(t reflect.Type) ([]jsonField, error) {
	var fs []jsonField
	seen := map[string]bool{}
	var walk func(t reflect.Type, prefix string) error
	walk = func(t reflect.Type, prefix string) error {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" && opts == "" {
				continue
			}
			if f.Anonymous {
				if tag != "" || f.Type.Kind() != reflect.Struct || !f.IsExported() {
					return fmt.Errorf("%v.%s: only untagged embedded exported structs are supported", t, f.Name)
				}
				if err := walk(f.Type, prefix+f.Name+"."); err != nil {
					return err
				}
				continue
			}
			if !f.IsExported() {
				continue
			}
			for _, o := range strings.Split(opts, ",") {
				if o == "string" {
					return fmt.Errorf("%v.%s: the ,string option is not supported", t, f.Name)
				}
			}
			if name == "" {
				name = f.Name
			}
			for _, c := range name {
				if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
					return fmt.Errorf("%v.%s: JSON name %q: only ASCII letters, digits and _ are supported", t, f.Name, name)
				}
			}
			if seen[strings.ToUpper(name)] {
				return fmt.Errorf("%v: two fields named %q (ignoring case)", t, name)
			}
			seen[strings.ToUpper(name)] = true
			fs = append(fs, jsonField{name: name, goPath: prefix + f.Name, typ: f.Type})
		}
		return nil
	}
	return fs, walk(t, "")
}

// value emits the decoding of the value at l.Pos into target, of type t, in the
// given mode.
func (g *gen) value(target string, t reflect.Type, strict bool) {
	k, _ := kindOf(t)
	switch k {
	case vString:
		conv := "str"
		if t != reflect.TypeFor[string]() {
			conv = g.expr(t) + "(str)"
		}
		g.p("if str, ok := l.String(); ok {")
		g.p("%s = %s", target, conv)
		g.p("}")
	case vBool:
		conv := "b"
		if t != reflect.TypeFor[bool]() {
			conv = g.expr(t) + "(b)"
		}
		g.p("if b, ok := l.Bool(); ok {")
		g.p("%s = %s", target, conv)
		g.p("}")
	case vInt:
		g.p("if n, ok := l.Int(%d); ok {", t.Bits())
		g.p("%s = %s(n)", target, g.expr(t))
		g.p("}")
	case vRaw:
		g.p("if raw := l.Value(); !l.Bad {")
		g.p("%s = append(%s[0:0], raw...) // as json.RawMessage.UnmarshalJSON", target, target)
		g.p("}")
	case vSpecial:
		s := special[t]
		g.p("%s(l, %s)", g.qualify(s.pkg, s.name), addr(target))
	case vStruct:
		g.p("if l.ObjectStart() == jsonlex.Object {")
		g.p("%s(l, %s)", g.reader(t, strict), addr(target))
		g.p("}")
	case vPointer:
		if ek, _ := kindOf(t.Elem()); ek == vStruct {
			g.p("switch l.ObjectStart() {")
			g.p("case jsonlex.Object:")
			g.p("if %s == nil {", target)
			g.p("%s = new(%s)", target, g.expr(t.Elem()))
			g.p("}")
			g.p("%s(l, %s)", g.reader(t.Elem(), strict), target)
			g.p("case jsonlex.Null:")
			g.p("%s = nil", target)
			g.p("}")
			return
		}
		g.p("if l.Data[l.Pos] == 'n' {")
		g.p("l.Literal(\"null\")")
		g.p("%s = nil", target)
		g.p("} else {")
		g.p("if %s == nil {", target)
		g.p("%s = new(%s)", target, g.expr(t.Elem()))
		g.p("}")
		g.value("*"+target, t.Elem(), strict)
		g.p("}")
	case vSlice:
		g.p("switch l.ArrayStart() {")
		g.p("case jsonlex.Array:")
		g.p("%s = %s(l, %s)", target, g.reader(t, strict), target)
		g.p("case jsonlex.Null:")
		g.p("%s = nil", target)
		g.p("}")
	case vMap:
		g.p("switch l.ObjectStart() {")
		g.p("case jsonlex.Object:")
		g.p("%s = %s(l, %s)", target, g.reader(t, strict), target)
		g.p("case jsonlex.Null:")
		g.p("%s = nil", target)
		g.p("}")
	}
}

// names returns the name of the table of the JSON names of struct type t, emitted
// once per file: read-only, for the rare unknown key that may match one ignoring case.
func (g *gen) names(t reflect.Type, fs []jsonField) string {
	name := "names" + typeName(t)
	if g.tables[name] {
		return name
	}
	g.tables[name] = true
	q := make([]string, len(fs))
	for i, f := range fs {
		q[i] = fmt.Sprintf("%q", f.name)
	}
	fmt.Fprintf(&g.tail, "var %s = []string{%s}\n\n", name, strings.Join(q, ", "))
	return name
}

// addr is the address of target: *p is at p.
func addr(target string) string {
	if inner, ok := strings.CutPrefix(target, "*"); ok {
		return inner
	}
	return "&" + target
}

// structFunc emits the reader of a struct type.
func (g *gen) structFunc(k key) error {
	fs, err := fieldsOf(k.t)
	if err != nil {
		return err
	}
	name := g.reader(k.t, k.strict)
	g.p("// %s reads the object at l.Pos into v as encoding/json does%s.", name, map[bool]string{true: ", refusing unknown keys", false: ""}[k.strict])
	g.p("func %s(l *jsonlex.Lexer, v *%s) {", name, g.expr(k.t))
	g.p("l.Open()")
	g.p("for n := 0; ; n++ {")
	g.p("ks, ke, kf, ok := l.NextKey(n)")
	g.p("if !ok {")
	g.p("return")
	g.p("}")
	g.p("if kf != 0 { // escapes or non-ASCII: encoding/json's matching of such keys is left to it")
	g.p("l.Fail()")
	g.p("return")
	g.p("}")
	g.p("switch string(l.Data[ks:ke]) {")
	for _, f := range fs {
		g.p("case %q:", f.name)
		g.value("v."+f.goPath, f.typ, k.strict)
	}
	g.p("default:")
	if k.strict {
		g.p("l.Fail() // unknown, or known only ignoring case: encoding/json says which")
		g.p("return")
	} else {
		if len(fs) > 0 {
			g.p("if jsonlex.FoldsTo(l.Data[ks:ke], %s) {", g.names(k.t, fs))
			g.p("l.Fail() // encoding/json takes it for a field ignoring case")
			g.p("return")
			g.p("}")
		}
		g.p("l.Skip()")
	}
	g.p("}")
	g.p("if l.Bad {")
	g.p("return")
	g.p("}")
	g.p("}")
	g.p("}")
	g.p("")
	return nil
}

// sliceFunc emits the reader of a slice type: as encoding/json, into the elements
// already there (up to the capacity), then truncating; [] gives an empty slice.
func (g *gen) sliceFunc(k key) error {
	name := g.reader(k.t, k.strict)
	typ := g.expr(k.t)
	elem := g.expr(k.t.Elem())
	g.p("// %s reads the array at l.Pos into s as encoding/json does: into the elements", name)
	g.p("// already there (up to the capacity), then truncating; [] gives an empty slice.")
	g.p("func %s(l *jsonlex.Lexer, s %s) %s {", name, typ, typ)
	g.p("l.Open()")
	g.p("i := 0")
	g.p("for ; l.NextElem(i); i++ {")
	g.p("switch {")
	g.p("case i < len(s):")
	g.p("case i < cap(s):")
	g.p("s = s[:i+1]")
	g.p("default:")
	g.p("var zero %s", elem)
	g.p("s = append(s, zero)")
	g.p("}")
	g.value("s[i]", k.t.Elem(), k.strict)
	g.p("if l.Bad {")
	g.p("return s")
	g.p("}")
	g.p("}")
	g.p("if i == 0 {")
	g.p("return %s{}", typ)
	g.p("}")
	g.p("return s[:i]")
	g.p("}")
	g.p("")
	return nil
}

// mapFunc emits the reader of a map type: as encoding/json, into the map there (a
// new one when nil), each value decoded into a zero element.
func (g *gen) mapFunc(k key) error {
	name := g.reader(k.t, k.strict)
	typ := g.expr(k.t)
	g.p("// %s reads the object at l.Pos into m as encoding/json does: into m (a new", name)
	g.p("// map when nil), each value decoded into a zero element.")
	g.p("func %s(l *jsonlex.Lexer, m %s) %s {", name, typ, typ)
	g.p("if m == nil {")
	g.p("m = %s{}", typ)
	g.p("}")
	g.p("l.Open()")
	g.p("for n := 0; ; n++ {")
	g.p("ks, ke, kf, ok := l.NextKey(n)")
	g.p("if !ok {")
	g.p("return m")
	g.p("}")
	g.p("var e %s", g.expr(k.t.Elem()))
	g.value("e", k.t.Elem(), k.strict)
	g.p("if l.Bad {")
	g.p("return m")
	g.p("}")
	g.p("m[l.Str(ks, ke, kf)] = e")
	g.p("}")
	g.p("}")
	g.p("")
	return nil
}
