// The editor of safeguard serve: small helps on top of forms that work
// without JavaScript. Not part of the published site.
(function () {
  "use strict";
  // GOV.UK moves the focus to the error summary (or the Saved banner).
  var first = document.querySelector(".govuk-error-summary, .govuk-notification-banner");
  if (first && document.activeElement !== first) { first.focus(); }

  // The New page form: the address is made from the title as it is typed,
  // until the writer types an address of their own.
  var title = document.getElementById("title");
  var address = document.getElementById("address");
  if (title && address) {
    var own = address.value !== "";
    var timer = 0;
    address.addEventListener("input", function () { own = address.value !== ""; });
    var fill = function () {
      if (own) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/_edit/_address?title=" + encodeURIComponent(title.value))
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (a) { if (!own) { address.value = a; } });
      }, 150);
    };
    title.addEventListener("input", fill);
    // A title typed (or kept by the browser) before this script ran.
    if (title.value !== "") { fill(); }
  }

  // Add a contact: at the cursor in the text, without a round trip.
  var add = document.getElementById("add-contact");
  var body = document.getElementById("body");
  var pick = document.getElementById("pick-contact");
  if (add && body && pick) {
    add.addEventListener("click", function (ev) {
      ev.preventDefault();
      // A text box keeps its selection when it loses the focus.
      var code = "{{< contact \"" + pick.value + "\" >}}";
      var start = body.selectionStart, end = body.selectionEnd;
      body.setRangeText(code, start, end, "end");
      body.focus();
      body.setSelectionRange(start + code.length, start + code.length);
    });
  }
})();
