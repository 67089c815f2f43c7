package anymap

import "testing"

func TestSuggestType(t *testing.T) {
	for _, tt := range []struct {
		items []Item
		want  string
	}{
		{
			[]Item{{Path: []string{"pain_level"}, Types: []string{"float64"}}, {Path: []string{"took_medication"}, Types: []string{"bool"}}},
			"struct { PainLevel float64 `json:\"pain_level\"`; TookMedication bool `json:\"took_medication\"` }",
		},
		{
			[]Item{{Path: []string{"user", "user_id"}, Types: []string{"float64"}}, {Path: []string{"items", "[]", "sku"}, Types: []string{"string"}}},
			"struct { User struct { UserID float64 `json:\"user_id\"` } `json:\"user\"`; Items []struct { Sku string `json:\"sku\"` } `json:\"items\"` }",
		},
		{
			[]Item{{Path: []string{"*"}, Types: []string{"string"}}},
			"map[string]string",
		},
		{
			[]Item{{Path: []string{"amount"}, Types: []string{"float64", "string"}}, {Path: []string{"2fa"}, Types: []string{"bool"}}, {Path: []string{"a-b"}, Types: []string{"bool"}}, {Path: []string{"a_b"}, Types: []string{"bool"}}},
			"struct { Amount any `json:\"amount\"`; F2fa bool `json:\"2fa\"`; AB bool `json:\"a-b\"`; AB2 bool `json:\"a_b\"` }",
		},
	} {
		if got := suggestType(tt.items); got != tt.want {
			t.Errorf("suggestType(%v)\n got %s\nwant %s", tt.items, got, tt.want)
		}
	}
}

func TestPathString(t *testing.T) {
	for path, want := range map[string]string{
		"*":                 "each value",
		"[]":                "each element",
		"a.b":               "a.b",
		"a.*":               "a[*]",
		"a.[].b":            "a[].b",
		keyParamSeg(1, "k"): "[k]",
	} {
		if got := pathString(splitPath(path)); got != want {
			t.Errorf("pathString(%q) = %q, want %q", path, got, want)
		}
	}
}

func splitPath(s string) []string {
	if len(s) > 0 && s[0] == 0 {
		return []string{s}
	}
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
