// guide serve only: added to pages as they are served, never written to the site.
// Waits for the next rebuild (the server answers when its build number changes), then reloads.
(function () {
  var me = document.currentScript;
  var build = me ? me.getAttribute('data-build') : '';
  function wait(delay) {
    setTimeout(function () {
      fetch('/__guide/changes?since=' + encodeURIComponent(build), { cache: 'no-store' })
        .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
        .then(function (now) {
          if (String(now.build) !== String(build)) {
            location.reload();
          } else {
            wait(now.retry || 0);   // the server says how long to wait when many tabs are open
          }
        })
        .catch(function () { wait(1000); });   // server restarting or stopped: try again shortly
    }, delay);
  }
  wait(0);
})();
