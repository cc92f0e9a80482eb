<?php
namespace Example\Marketo;

use Guzzle\Service\Client;
use Guzzle\Service\Description\ServiceDescription;

class MarketoClient extends Client
{
    public static function create(string $munchkin, int $version = 1): self
    {
        $base = sprintf('https://%s.mktorest.com/rest/v%d', $munchkin, $version);
        $client = new self($base);
        $client->setDescription(ServiceDescription::factory(__DIR__ . '/Resources/marketo.json'));
        return $client;
    }
}
