package threshold

// 2048 bytes: large under -sliceretain.threshold=1024.
func above() []byte {
	buf := make([]byte, 2048)
	return buf[:4] // want `buf\[:4\] keeps all of buf's backing array`
}

// 512 bytes: below the threshold of 1024, too small to matter.
func below() []byte {
	buf := make([]byte, 512)
	return buf[:4]
}

// A 256-element array of 8-byte words, 2048 bytes in all.
func arrayAbove() []int64 {
	var words [256]int64
	return words[:2] // want `words\[:2\] keeps all of words's backing array`
}

// A 64-element array of 8-byte words: 512 bytes.
func arrayBelow() []int64 {
	var words [64]int64
	return words[:2]
}
