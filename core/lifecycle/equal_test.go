package lifecycle

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// randomValue fills a value of type t from small pools, so that two draws are often
// equal: strings "", "a" or "b", small integers, both booleans; pointers, maps and
// slices nil, empty or holding one or two elements.
func randomValue(t reflect.Type, r *rand.Rand) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString([]string{"", "a", "b"}[r.IntN(3)])
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(r.IntN(3)))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Struct:
		for i := range t.NumField() {
			v.Field(i).Set(randomValue(t.Field(i).Type, r))
		}
	case reflect.Pointer:
		if r.IntN(3) > 0 {
			p := reflect.New(t.Elem())
			p.Elem().Set(randomValue(t.Elem(), r))
			v.Set(p)
		}
	case reflect.Map:
		if n := r.IntN(4); n > 0 {
			m := reflect.MakeMap(t)
			for range n - 1 {
				m.SetMapIndex(randomValue(t.Key(), r), randomValue(t.Elem(), r))
			}
			v.Set(m)
		}
	case reflect.Slice:
		if n := r.IntN(4); n > 0 {
			s := reflect.MakeSlice(t, n-1, n-1)
			for i := range n - 1 {
				s.Index(i).Set(randomValue(t.Elem(), r))
			}
			v.Set(s)
		}
	default:
		panic("randomValue: add kind " + t.Kind().String())
	}
	return v
}

func randomState(seed uint64) *State {
	r := rand.New(rand.NewPCG(seed, 1))
	s := randomValue(reflect.TypeFor[State](), r).Interface().(State)
	return &s
}

// TestStateEqualIsDeepEqual holds State.equal to reflect.DeepEqual, which it replaces:
// on a state against an equal copy in other memory, against the same state with one
// field drawn again (every field, so a field added to State and forgotten in equal
// fails here), and against unrelated states.
func TestStateEqualIsDeepEqual(t *testing.T) {
	var same, differ int
	check := func(a, b *State, what string) {
		t.Helper()
		want := reflect.DeepEqual(a, b)
		if got := a.equal(b); got != want {
			t.Fatalf("%s: equal = %v, reflect.DeepEqual = %v\na = %+v\nb = %+v", what, got, want, a, b)
		}
		if want {
			same++
		} else {
			differ++
		}
	}
	nf := reflect.TypeFor[State]().NumField()
	for seed := range uint64(2000) {
		a := randomState(seed)
		check(a, randomState(seed), "copy")
		check(a, randomState(seed+1), "other")
		check(a, a, "itself")
		check(a, nil, "nil")
		for i := range nf {
			b := randomState(seed)
			r := rand.New(rand.NewPCG(seed, uint64(i)+2))
			f := reflect.ValueOf(b).Elem().Field(i)
			f.Set(randomValue(f.Type(), r))
			check(a, b, "field "+reflect.TypeFor[State]().Field(i).Name)
		}
	}
	var none *State
	if !none.equal(nil) {
		t.Fatal("nil.equal(nil) = false")
	}
	if same < 1000 || differ < 1000 {
		t.Fatalf("too few cases of one kind: %d equal, %d not", same, differ)
	}
}
