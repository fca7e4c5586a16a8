package card

import "testing"

var benchPANs = []string{
	antomVisaSuccess, antomMastercardSuccess, "378282246310005",
	"6221260000000000", "6362970000000000", antomKoreanLocal,
	"3530111333300000", "6759649826438453",
}

var (
	sinkBrand  Brand
	sinkBool   bool
	sinkString string
)

func BenchmarkDetect(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkBrand = Detect(benchPANs[i%len(benchPANs)])
		i++
	}
}

func BenchmarkLuhn(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkBool = Luhn(benchPANs[i%len(benchPANs)])
		i++
	}
}

func BenchmarkMask(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkString = PAN(benchPANs[i%len(benchPANs)]).Mask()
		i++
	}
}

func BenchmarkValidatePAN(b *testing.B) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkBrand, _ = ValidatePAN(benchPANs[i%len(benchPANs)])
		i++
	}
}
