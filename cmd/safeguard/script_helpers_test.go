package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"

	"safeguard/internal/buildrecord"
	"safeguard/internal/imagemeta"
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

// scriptCmds are extra testscript commands shared by all scripts, written in
// Go (as Hugo's main_test.go does) so that scripts need no shell.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"treehash":  cmdTreehash,
		"treefiles": cmdTreefiles,
		"exitcode":  cmdExitcode,
		// serve: serve_script_test.go
		"waitfile": cmdWaitfile,
		"envfile":  cmdEnvfile,
		"httpget":  cmdHttpget,
		"edit":     cmdEdit,
		// editorsave FORM OLD NEW: a save through the editor's form.
		"editorsave": cmdEditorsave,
		"writefile":  cmdWritefile,
		// pngheader FILE WIDTH HEIGHT writes the header of a PNG image of
		// that size: enough for image.DecodeConfig, without its pixels.
		"pngheader": cmdPNGHeader,
		"mkfifo":    cmdMkfifo,
		// buildrecord DIR writes the record a build leaves in its output
		// folder (internal/buildrecord), so a hand-made folder stands for
		// a build's output in deploy scripts.
		"buildrecord": cmdBuildrecord,
		// photo FILE WIDTH HEIGHT ORIENTATION [gps] writes a phone's JPEG
		// (imagemeta.Photo); hasmeta FILE succeeds when the image file
		// carries EXIF, XMP, IPTC or GPS; gif FILE FRAMES DELAY LOOP
		// writes an animated GIF (delay in hundredths of a second, loop 0
		// for forever, -1 for once).
		"photo":   cmdPhoto,
		"hasmeta": cmdHasmeta,
		"gif":     cmdGIF,
	}
}

func cmdBuildrecord(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: buildrecord DIR")
	}
	ts.Check(buildrecord.Write(ts.MkAbs(args[0])))
}

// treeFiles lists the regular files under dir (as the script names it,
// slash separated), sorted, leaving out the folder skip and what it holds.
func treeFiles(ts *testscript.TestScript, dir, skip string) []string {
	var files []string
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(filepath.Join(dir, rel))
		if d.IsDir() && skip != "" && name == skip {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			files = append(files, name)
		}
		return nil
	})
	ts.Check(err)
	slices.Sort(files)
	return files
}

// treehash DIR: print "SHA-256  path" for every regular file under DIR,
// sorted by path (sha256sum's format), so that `cp stdout before.sum` and
// later `cmp stdout before.sum` prove a folder unchanged byte for byte.
func cmdTreehash(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: treehash DIR")
	}
	for _, name := range treeFiles(ts, args[0], "") {
		sum := sha256.Sum256([]byte(ts.ReadFile(name)))
		fmt.Fprintf(ts.Stdout(), "%x  %s\n", sum, name)
	}
}

// treefiles [-skip DIR/SUB] DIR: print the path of every regular file under
// DIR, sorted, leaving out the folder DIR/SUB.
func cmdTreefiles(ts *testscript.TestScript, neg bool, args []string) {
	skip := ""
	if len(args) == 3 && args[0] == "-skip" {
		skip, args = args[1], args[2:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: treefiles [-skip DIR/SUB] DIR")
	}
	for _, name := range treeFiles(ts, args[0], skip) {
		fmt.Fprintln(ts.Stdout(), name)
	}
}

// exitcode N PROGRAM [ARGS...]: run the program as exec does and fail
// unless it exits with status N. Its output is kept for stdout and stderr,
// as after exec.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
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

func cmdPhoto(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args) > 5 || (len(args) == 5 && args[4] != "gps") {
		ts.Fatalf("usage: photo FILE WIDTH HEIGHT ORIENTATION [gps]")
	}
	var n [3]int
	for i := range n {
		v, err := strconv.Atoi(args[i+1])
		if err != nil || v < 1 {
			ts.Fatalf("photo: %q is not a positive number", args[i+1])
		}
		n[i] = v
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), imagemeta.Photo(n[0], n[1], n[2], len(args) == 5), 0o644))
}

func cmdHasmeta(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: hasmeta FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	m := imagemeta.Read(data)
	if m.Any() == neg {
		ts.Fatalf("%s: %+v", args[0], m)
	}
}

func cmdGIF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: gif FILE FRAMES DELAY LOOP")
	}
	var n [3]int
	for i := range n {
		v, err := strconv.Atoi(args[i+1])
		if err != nil {
			ts.Fatalf("gif: %q is not a number", args[i+1])
		}
		n[i] = v
	}
	g := &gif.GIF{LoopCount: n[2]}
	pal := color.Palette{color.White, color.Black}
	for i := range n[0] {
		img := image.NewPaletted(image.Rect(0, 0, 8, 8), pal)
		img.SetColorIndex(i%8, 0, 1)
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, n[1])
	}
	var b bytes.Buffer
	ts.Check(gif.EncodeAll(&b, g))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b.Bytes(), 0o644))
}

// writefile NAME TEXT: write TEXT into the file NAME, both read as the inside
// of a Go string literal ("\n", "\r", "\x1b"), for the names and line endings
// a txtar file cannot hold.
func cmdWritefile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writefile name text")
	}
	var out [2]string
	for i, a := range args {
		s, err := strconv.Unquote(`"` + a + `"`)
		if err != nil {
			ts.Fatalf("writefile: %q is not the inside of a Go string: %v", a, err)
		}
		out[i] = s
	}
	ts.Check(os.WriteFile(ts.MkAbs(out[0]), []byte(out[1]), 0o644))
}
