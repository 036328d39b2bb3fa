import os,json,sys,glob,statistics
prop=sys.argv[1]
for f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), f'res-{prop}-*.json'))):
    try: data=json.load(open(f))
    except Exception: continue
    print(f.split('res-')[1])
    for b in data:
        name=b['benchmark'].split('.')[-1]+' '+' '.join(f'{k}={x}' for k,x in sorted(b.get('params',{}).items()))
        forks=b['primaryMetric']['rawData']
        print('  ',name.ljust(50),' | '.join(' '.join(f'{x:6.0f}' for x in fork) for fork in forks))
