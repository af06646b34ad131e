import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

// A large upload shows its progress: the files are sent by XMLHttpRequest, which reports how much has gone, and the
// page the server answers with replaces this one, as a form's answer would. Smaller files, and a browser without
// JavaScript, submit the form as usual.
const largeUpload = 1024 * 1024;
for (const form of document.querySelectorAll('form[data-upload-progress]')) {
  form.addEventListener('submit', event => {
    const files = [...form.querySelectorAll('input[type=file]')].flatMap(input => [...input.files]);
    const size = files.reduce((total, file) => total + file.size, 0);
    const status = form.querySelector('.outturn-upload-progress');
    if (size < largeUpload || !status) {
      return;
    }

    event.preventDefault();
    const bar = status.querySelector('progress');
    const words = status.querySelector('.outturn-upload-progress__words');
    const data = new FormData(form);
    for (const button of form.querySelectorAll('button')) {
      button.disabled = true;
    }

    status.hidden = false;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', progress => {
      if (progress.lengthComputable) {
        const percent = Math.floor((100 * progress.loaded) / progress.total);
        bar.value = percent;
        words.textContent = `Sending the files: ${percent}% of ${Math.ceil(size / 1024 / 1024)} MB`;
      }
    });
    request.upload.addEventListener('load', () => {
      bar.removeAttribute('value');
      words.textContent = 'Checking the files. This can take a minute for a large file.';
    });
    request.addEventListener('load', () => {
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => {
      words.textContent = 'The files could not be sent. Check the connection and try again.';
      for (const button of form.querySelectorAll('button')) {
        button.disabled = false;
      }
    });
    request.send(data);
  });
}
