package newsletter

// WrapText lets the differential tests compare wrapText with the reference's.
var WrapText = wrapText

// Unbreakable and TextHardWidth let the reference implementation share the
// text-width exemption (see reference_test.go).
var Unbreakable = unbreakable

const TextHardWidth = textHardWidth
