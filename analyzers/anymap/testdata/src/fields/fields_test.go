package fields

import (
	"encoding/json"
	"testing"
)

func TestReportShape(t *testing.T) {
	data, _ := json.Marshal(build())
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if count(r) != 3 {
		t.Fatal(r)
	}
}
