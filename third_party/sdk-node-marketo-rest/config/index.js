module.exports = {
  name: 'node-marketo',
  api: {
    version: '/v1'
  }
};
