INSERT INTO ext_types VALUES (1, 'MiXeD Case', 'a=>1, "b c"=>NULL, "q\"uote"=>"x"', '{Ab,NULL}');
INSERT INTO ext_types VALUES (2, '', '', '{}');
