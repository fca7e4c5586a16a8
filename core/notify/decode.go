package notify

import (
	"github.com/paycore/paycore/core/internal/jsonlex"
	"github.com/paycore/paycore/core/signature"
)

// readHeaders reads the value at l.Pos into h as (*signature.Headers).UnmarshalJSON
// does. Values that are strings (or null) are read here; when one is of another kind
// (an array, as Go's http.Header marshals it, or a wrong kind) the whole object is
// handed to the method, and its error refuses the document.
func readHeaders(l *jsonlex.Lexer, h *signature.Headers) {
	start := l.Pos
	switch l.ObjectStart() {
	case jsonlex.Null:
		*h = nil
		return
	case jsonlex.Other:
		return
	}
	out := signature.Headers{}
	slow := false
	l.Open()
	for n := 0; ; n++ {
		ks, ke, kf, ok := l.NextKey(n)
		if !ok {
			break
		}
		switch l.Data[l.Pos] {
		case '"':
			name := l.Str(ks, ke, kf)
			if s, ok := l.String(); ok {
				out[name] = s
			}
		case 'n':
			l.Literal("null")
			out[l.Str(ks, ke, kf)] = "" // a null value decodes as ""
		default:
			slow = true
			l.Skip()
		}
	}
	if l.Bad {
		return
	}
	if slow {
		if err := h.UnmarshalJSON(l.Data[start:l.Pos]); err != nil {
			l.Fail()
		}
		return
	}
	*h = out
}
