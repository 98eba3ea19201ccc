module.exports = { displayName: 'provisioning', ...require('../jest.node.config.js')(__dirname) };
