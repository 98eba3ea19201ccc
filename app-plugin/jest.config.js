// The one shared plugin jest configuration (plugins-config/), rooted at this plugin.
module.exports = require('../plugins-config/jest.config.js')(__dirname, { displayName: 'app-plugin' });
