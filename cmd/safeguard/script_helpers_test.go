package main

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptSetup prepares each script's environment. Commands that need the
// repository's real content or theme find the module root in $REPO.
func scriptSetup(env *testscript.Env) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	env.Setenv("REPO", root)
	return nil
}

// scriptCmds are extra testscript commands shared by all scripts.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// serve: serve_script_test.go
		"waitfile": cmdWaitfile,
		"envfile":  cmdEnvfile,
		"httpget":  cmdHttpget,
		"edit":     cmdEdit,
		// pngheader FILE WIDTH HEIGHT writes the header of a PNG image of
		// that size: enough for image.DecodeConfig, without its pixels.
		"pngheader": cmdPNGHeader,
	}
}

func cmdPNGHeader(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: pngheader FILE WIDTH HEIGHT")
	}
	w, err1 := strconv.ParseUint(args[1], 10, 31)
	h, err2 := strconv.ParseUint(args[2], 10, 31)
	if err1 != nil || err2 != nil {
		ts.Fatalf("pngheader: width and height must be numbers")
	}
	chunk := func(typ string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(b, typ...)
		b = append(b, data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	png := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	png = append(png, chunk("IEND", nil)...)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), png, 0o644))
}
