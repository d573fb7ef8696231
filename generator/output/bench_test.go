package output

import (
	"fmt"
	"testing"
)

// BenchmarkStageWrite writes pages of 20 KB into a staging folder, each in
// its own folder as articles are: the writing stage of a build.
func BenchmarkStageWrite(b *testing.B) {
	st, err := NewStage(b.TempDir() + "/public")
	if err != nil {
		b.Fatal(err)
	}
	page := make([]byte, 20<<10)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := st.WriteFile(fmt.Sprintf("2024/%02d/note-%06d/index.html", i%12+1, i), page); err != nil {
			b.Fatal(err)
		}
	}
}
