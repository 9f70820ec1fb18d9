package httpmsg

import "testing"

func BenchmarkParseRequest(b *testing.B) {
	text := []byte(itemActivityRequest)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ParseRequest(text)
	}
}

func BenchmarkParseResponse(b *testing.B) {
	text := []byte(itemActivityResponse)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ParseResponse(text)
	}
}

func BenchmarkRenderRequest(b *testing.B) {
	req, _ := ParseRequest([]byte(itemActivityRequest))
	for b.Loop() {
		req.Render()
	}
}
