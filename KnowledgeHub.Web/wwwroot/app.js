// Small helpers the Blazor components call through IJSRuntime.
window.kh = {
  markInteractive: function () { document.body.dataset.interactive = "true"; },
  setCookie: function (name, value, days) {
    var expires = new Date(Date.now() + days * 864e5).toUTCString();
    document.cookie = name + "=" + encodeURIComponent(value) + "; expires=" + expires + "; path=/; SameSite=Lax";
  }
};
