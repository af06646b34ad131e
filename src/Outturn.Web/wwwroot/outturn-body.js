// Run first thing in <body>, before it paints: GOV.UK Frontend's components style themselves by these classes.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
