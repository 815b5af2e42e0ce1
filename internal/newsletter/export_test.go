package newsletter

// WrapText lets the differential tests compare wrapText with the reference's.
var WrapText = wrapText
