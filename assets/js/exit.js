// Quick exit ("Exit this page"). The links work without this script; it makes
// leaving faster and harder to notice: on a click, or on Shift pressed three
// times within five seconds, it covers the page at once, then replaces the
// current history entry with the neutral site.
(function () {
  'use strict';
  var links = document.querySelectorAll('[data-quick-exit]');
  if (!links.length || !document.addEventListener) {
    return;
  }
  var target = links[0].href;
  var gone = false;

  function exit(event) {
    if (event) {
      event.preventDefault();
    }
    if (gone) {
      return;
    }
    gone = true;
    var cover = document.createElement('div');
    cover.className = 'exit-cover';
    document.body.appendChild(cover);
    document.documentElement.className += ' exit-active';
    document.title = 'Exit this page';
    window.location.replace(target);
  }

  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener('click', exit);
  }

  // Tell screen reader users how many more presses are needed.
  var status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  var aside = document.querySelector('.exit');
  (aside || document.body).appendChild(status);

  var presses = 0;
  var timer = null;

  function reset() {
    presses = 0;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
  }

  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift' && event.keyCode !== 16) {
      reset();
      return;
    }
    presses++;
    if (!timer) {
      timer = setTimeout(function () {
        reset();
        status.textContent = 'Exit this page expired.';
      }, 5000);
    }
    if (presses >= 3) {
      reset();
      status.textContent = 'Exiting this page.';
      exit();
      return;
    }
    status.textContent = 'Shift, press ' + (3 - presses) + ' more ' + (3 - presses === 1 ? 'time' : 'times') + ' to exit.';
  }, true);

  // Coming back with the Back button may restore the covered page from the
  // cache: uncover it.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && gone) {
      gone = false;
      var cover = document.querySelector('.exit-cover');
      if (cover) {
        cover.parentNode.removeChild(cover);
      }
      document.documentElement.className = document.documentElement.className.replace(' exit-active', '');
    }
  });
})();
