// Small helpers the Blazor components call through IJSRuntime.
window.kh = {
  setCookie: function (name, value, days) {
    var expires = new Date(Date.now() + days * 864e5).toUTCString();
    document.cookie = name + "=" + encodeURIComponent(value) + "; expires=" + expires + "; path=/; SameSite=Lax";
  }
};
